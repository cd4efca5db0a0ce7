import type { Transaction } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../db/types';

/** The app's database or a transaction on it. */
export type Conn = Db | Transaction<Database>;
