-- The application role and database. CREATEDB lets the test suites make throwaway databases.
-- Run as the postgres superuser; every statement is safe to repeat.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'commerce') THEN
    CREATE ROLE commerce LOGIN PASSWORD 'commerce' CREATEDB;
  END IF;
END
$$;
SELECT 'CREATE DATABASE commerce OWNER commerce'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'commerce')\gexec
