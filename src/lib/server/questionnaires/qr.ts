import QRCode from 'qrcode';

/** The link as a QR code: an SVG rendered on the server, as a data URL an <img> can show (CSP allows data: images). */
export async function qrDataUrl(text: string): Promise<string> {
	const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
	return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}
