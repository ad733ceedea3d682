// Set-up file of the e2e-postgres Jest project: every test app of the project uses PostgreSQL.
process.env.TEST_DATABASE = 'postgres';
