export declare const SQLITE_SCHEMA: string;
export declare const POSTGRES_SCHEMA: string;
export declare function postgresSchemaFrom(sqliteText: string): string;
export declare function syncPostgresSchema(): { sqlite: string; postgres: string };
