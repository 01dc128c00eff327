//! The SQLite and PostgreSQL migration folders are written twice, by hand;
//! this test reads back the schema each leaves and requires them to be the
//! same: tables, columns (with their nullability), indexes (name, columns,
//! unique or not) and foreign keys. Types are not compared: the two
//! databases name them differently (INTEGER / BIGINT, TEXT / VARCHAR), and
//! an index's method may differ (the trigram index of migration 0021 is a
//! B-tree on SQLite).

use std::collections::BTreeSet;

use sqlx::Row;

use crate::support::{self, TestApp};
use app::server::db::Backend;

/// One fact of a schema, written the same way for both databases.
type Schema = BTreeSet<String>;

async fn sqlite_schema(app: &TestApp) -> Schema {
    let pool = &app.state.db.pool;
    let mut facts = Schema::new();
    let tables: Vec<String> = sqlx::query_scalar(
        // Ordinary tables only: the search's FTS5 table (virtual, with its
        // shadow tables) is SQLite's counterpart of PostgreSQL's trigram index.
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for table in tables {
        facts.insert(format!("table {table}"));
        for c in sqlx::query(&format!("SELECT name, \"notnull\" AS nn, pk FROM pragma_table_info('{table}')"))
            .fetch_all(pool)
            .await
            .unwrap()
        {
            let (name, not_null, pk): (String, i64, i64) = (c.get("name"), c.get("nn"), c.get("pk"));
            // SQLite lets a primary key be null unless told; PostgreSQL never does.
            let null = if not_null == 1 || pk > 0 { "not null" } else { "null" };
            facts.insert(format!("column {table}.{name} {null}"));
        }
        for i in sqlx::query(&format!("SELECT name, \"unique\" AS u, origin FROM pragma_index_list('{table}')"))
            .fetch_all(pool)
            .await
            .unwrap()
        {
            let (name, unique, origin): (String, i64, String) = (i.get("name"), i.get("u"), i.get("origin"));
            if origin == "pk" {
                continue;
            }
            let columns: Vec<String> =
                sqlx::query(&format!("SELECT name FROM pragma_index_info('{name}') ORDER BY seqno"))
                    .fetch_all(pool)
                    .await
                    .unwrap()
                    .iter()
                    .map(|r| r.try_get::<String, _>("name").unwrap_or_else(|_| "(expression)".to_owned()))
                    .collect();
            // A UNIQUE written in the table has a generated name on each side.
            let name = if origin == "u" { "(unique)".to_owned() } else { name };
            facts.insert(index_fact(&table, &name, unique == 1, &columns));
        }
        for f in sqlx::query(&format!(
            "SELECT \"table\" AS t, \"from\" AS c, \"to\" AS r FROM pragma_foreign_key_list('{table}')"
        ))
        .fetch_all(pool)
        .await
        .unwrap()
        {
            let (target, column): (String, String) = (f.get("t"), f.get("c"));
            let to: Option<String> = f.try_get("r").ok();
            facts.insert(format!("foreign key {table}.{column} -> {target}.{}", to.unwrap_or_else(|| "id".to_owned())));
        }
    }
    facts
}

async fn postgres_schema(app: &TestApp) -> Schema {
    let pool = &app.state.db.pool;
    let mut facts = Schema::new();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for table in tables {
        facts.insert(format!("table {table}"));
        for c in sqlx::query(
            "SELECT column_name::text AS name, is_nullable::text AS nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap()
        {
            let (name, nullable): (String, String) = (c.get("name"), c.get("nullable"));
            facts.insert(format!("column {table}.{name} {}", if nullable == "YES" { "null" } else { "not null" }));
        }
        // Indexes with their columns in order (0: an expression), and
        // whether they back a constraint written in the table.
        for i in sqlx::query(
            "SELECT ic.relname::text AS name, x.indisunique AS u, x.indisprimary AS pk,
                    EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype = 'u') AS inline,
                    ARRAY_TO_STRING(ARRAY(
                        SELECT COALESCE(a.attname::text, '(expression)') FROM UNNEST(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
                        LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.n), ',') AS columns
             FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid JOIN pg_class tc ON tc.oid = x.indrelid
             WHERE tc.relname = $1 AND tc.relnamespace = 'public'::regnamespace",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap()
        {
            let (name, unique, pk, inline, columns): (String, bool, bool, bool, String) =
                (i.get("name"), i.get("u"), i.get("pk"), i.get("inline"), i.get("columns"));
            if pk {
                continue;
            }
            let name = if inline { "(unique)".to_owned() } else { name };
            let columns: Vec<String> = columns.split(',').map(str::to_owned).collect();
            facts.insert(index_fact(&table, &name, unique, &columns));
        }
        for f in sqlx::query(
            "SELECT a.attname::text AS c, rt.relname::text AS t, ra.attname::text AS r
             FROM pg_constraint k
             JOIN pg_class ct ON ct.oid = k.conrelid JOIN pg_class rt ON rt.oid = k.confrelid
             JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
             JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = k.confkey[1]
             WHERE k.contype = 'f' AND ct.relname = $1 AND ct.relnamespace = 'public'::regnamespace",
        )
        .bind(&table)
        .fetch_all(pool)
        .await
        .unwrap()
        {
            let (column, target, to): (String, String, String) = (f.get("c"), f.get("t"), f.get("r"));
            facts.insert(format!("foreign key {table}.{column} -> {target}.{to}"));
        }
    }
    facts
}

fn index_fact(table: &str, name: &str, unique: bool, columns: &[String]) -> String {
    format!("{} {name} on {table}({})", if unique { "unique index" } else { "index" }, columns.join(", "))
}

#[tokio::test]
async fn both_migration_folders_build_the_same_schema() {
    let sqlite = support::spawn(Backend::Sqlite).await;
    let postgres = support::spawn(Backend::Postgres).await;
    let (s, p) = (sqlite_schema(&sqlite).await, postgres_schema(&postgres).await);
    // The reading itself: a table, a column, an inline unique constraint, a
    // named index and a foreign key, seen on both sides.
    for fact in [
        "table candidates",
        "column candidates.search_key not null",
        "unique index (unique) on candidates(email_norm)",
        "index candidates_search_key on candidates(search_key)",
        "foreign key applications.candidate_id -> candidates.id",
    ] {
        assert!(s.contains(fact) && p.contains(fact), "{fact} not read:\nSQLite {s:#?}\nPostgreSQL {p:#?}");
    }
    let only_sqlite: Vec<&String> = s.difference(&p).collect();
    let only_postgres: Vec<&String> = p.difference(&s).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "the migration folders differ.\nonly on SQLite:\n  {}\nonly on PostgreSQL:\n  {}",
        only_sqlite.iter().map(|f| f.as_str()).collect::<Vec<_>>().join("\n  "),
        only_postgres.iter().map(|f| f.as_str()).collect::<Vec<_>>().join("\n  ")
    );
}
