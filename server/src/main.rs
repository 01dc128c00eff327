//! `sesame`: the command line of the server.

use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use app::domain::review::StaffRole;
use app::server::{db::Db, AppState};
use sesame_server::config::Config;
use sesame_server::http::{leptos_options, router, ServerState};
use sesame_server::jobs::{self, Job};
use sesame_server::mailer::Mailer;
use sesame_server::staff;

#[derive(Parser)]
#[command(name = "sesame", version, about = "Sésame : candidatures en ligne dans l'enseignement supérieur")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Applies the migrations, then serves HTTP until Ctrl-C or SIGTERM.
    Serve,
    /// Applies the database migrations.
    Migrate,
    /// Staff accounts.
    Staff {
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// Scheduled jobs.
    Jobs {
        #[command(subcommand)]
        command: JobsCommand,
    },
    /// Seeds the demo campaign and staff accounts (repeatable).
    Demo {
        /// Also adds this many candidates, each with a complete dossier and
        /// an application to transmit (the deadline-hour simulation's).
        #[arg(long, default_value_t = 0)]
        candidats: u32,
        /// The environment variable holding the password of those candidates.
        #[arg(long, default_value = "SESAME_FOULE_MOT_DE_PASSE")]
        mot_de_passe_env: String,
    },
    /// The establishments directory of the "Etablissement" type-ahead.
    Etablissements {
        #[command(subcommand)]
        command: EstablishmentsCommand,
    },
    /// The file store (pièces justificatives, model files).
    Storage {
        #[command(subcommand)]
        command: StorageCommand,
    },
    /// The university's student records (logiciel de scolarité).
    Scolarite {
        #[command(subcommand)]
        command: RecordsCommand,
    },
}

#[derive(Subcommand)]
enum RecordsCommand {
    /// Imports an export of the student records (CSV, or JSON for a
    /// `.json` file; format in README.md); all or nothing, repeatable.
    Import { file: std::path::PathBuf },
}

#[derive(Subcommand)]
enum StorageCommand {
    /// Copies every stored file to another store (`file://…` or
    /// `s3://…`, keys as for SESAME_STORAGE_URL), checking each copy;
    /// files already there are skipped, so it can be run again.
    Migrate {
        #[arg(long)]
        to: String,
    },
}

#[derive(Subcommand)]
enum EstablishmentsCommand {
    /// Imports the Annuaire de l'éducation CSV (data.gouv.fr); repeatable.
    Import { file: std::path::PathBuf },
}

#[derive(Subcommand)]
enum StaffCommand {
    /// Creates a staff account, or resets the one with this address.
    Add {
        #[arg(long)]
        email: String,
        /// admin, gestionnaire or commission.
        #[arg(long, value_parser = staff::parse_role)]
        role: StaffRole,
        #[arg(long, default_value = "")]
        name: String,
        /// Read the password from this environment variable; without it a
        /// random password is generated and printed.
        #[arg(long)]
        password_env: Option<String>,
        /// A centre (its id) this gestionnaire or commission member works
        /// on; repeat for several. Admins see every centre.
        #[arg(long = "centre")]
        centres: Vec<i64>,
        /// The member's identifier at the university's CAS: they may then
        /// sign in through it on /gestion/connexion.
        #[arg(long)]
        cas_uid: Option<String>,
    },
}

#[derive(Subcommand)]
enum JobsCommand {
    /// Runs one job now.
    Run {
        #[arg(value_enum)]
        job: Job,
    },
    /// Lists the jobs.
    List,
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_env("SESAME_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")))
        .init();
    let cli = Cli::parse();
    if let Err(message) = run(cli).await {
        eprintln!("sesame : {message}");
        std::process::exit(1);
    }
}

async fn state(config: &Config) -> Result<AppState, String> {
    let db = Db::connect(&config.database_url).await.map_err(|e| format!("SESAME_DATABASE_URL : {e}"))?;
    db.migrate().await.map_err(|e| format!("migrations : {e}"))?;
    Ok(AppState::new(db, config.app_settings()))
}

async fn run(cli: Cli) -> Result<(), String> {
    let config = Config::load().map_err(|e| e.to_string())?;
    match cli.command {
        Command::Migrate => {
            state(&config).await?;
            println!("Migrations appliquées.");
        }
        Command::Demo { candidats, mot_de_passe_env } => {
            let state = state(&config).await?;
            println!("{}", sesame_server::demo::seed(&state).await?);
            if candidats > 0 {
                let password =
                    std::env::var(&mot_de_passe_env).map_err(|_| format!("{mot_de_passe_env} : variable absente"))?;
                println!("{}", sesame_server::crowd::seed(&state, candidats, &password).await?);
            }
        }
        Command::Staff { command: StaffCommand::Add { email, role, name, password_env, centres, cas_uid } } => {
            let state = state(&config).await?;
            let (password, generated) = match password_env {
                Some(var) => (std::env::var(&var).map_err(|_| format!("{var} : variable absente"))?, false),
                None => (staff::generate_password(), true),
            };
            let name = if name.is_empty() { email.clone() } else { name };
            let id = staff::add(&state, &email, &name, role, &password).await?;
            staff::assign(&state, id, &centres).await?;
            if let Some(uid) = cas_uid {
                staff::tie_cas_uid(&state, id, &uid).await?;
            }
            println!("Compte {} ({}) enregistré.", email, role.code());
            if generated {
                println!("Mot de passe : {password}");
            }
        }
        Command::Jobs { command: JobsCommand::List } => {
            for job in Job::ALL {
                println!("{}", job.name());
            }
        }
        Command::Jobs { command: JobsCommand::Run { job } } => {
            let state = state(&config).await?;
            let mailer = Mailer::from_config(&config);
            let text = jobs::run(&state, &mailer, job).await.map_err(|e| e.to_string())?;
            println!("{} : {text}", job.name());
        }
        Command::Etablissements { command: EstablishmentsCommand::Import { file } } => {
            let text = std::fs::read_to_string(&file).map_err(|e| format!("{} : {e}", file.display()))?;
            let rows = sesame_server::establishments::parse(&text)?;
            let state = state(&config).await?;
            let n = sesame_server::establishments::import(&state, &rows).await?;
            println!("{n} établissements importés.");
        }
        Command::Scolarite { command: RecordsCommand::Import { file } } => {
            use app::server::school_records::{import, ExportFormat, ImportError};
            let text = std::fs::read_to_string(&file).map_err(|e| format!("{} : {e}", file.display()))?;
            let state = state(&config).await?;
            let format = ExportFormat::of_file(&file.to_string_lossy());
            match import(&state, &text, format).await {
                Ok(report) => println!(
                    "{} ligne(s) lue(s) : dossiers de scolarité de {} étudiant(s) importés.",
                    report.lines, report.students
                ),
                Err(ImportError::Lines(problems)) => {
                    for problem in &problems {
                        eprintln!("{problem}");
                    }
                    return Err(format!("{} : rien n'a été importé ({} problème(s)).", file.display(), problems.len()));
                }
                Err(other) => return Err(format!("{} : rien n'a été importé : {other}", file.display())),
            }
        }
        Command::Storage { command: StorageCommand::Migrate { to } } => {
            let env = |name: &str| std::env::var(name).ok();
            let credentials = std::env::var_os("SESAME_STORAGE_CREDENTIALS_FILE").map(std::path::PathBuf::from);
            let target = sesame_server::config::open_storage(&env, &to, credentials.as_deref())
                .map_err(|e| format!("--to : {e}"))?;
            println!("De {:?} vers {:?} :", config.storage, target);
            let report = app::server::files::migrate::migrate(&config.storage, &target, |name, what| {
                if what != "déjà là" {
                    println!("  {name} : {what}");
                }
            })
            .await;
            println!(
                "{} fichier(s) copié(s) et vérifié(s) ({} octets), {} déjà présent(s), {} échec(s).",
                report.copied,
                report.copied_bytes,
                report.present,
                report.failed.len()
            );
            for (name, why) in &report.failed {
                eprintln!("  {name} : {why}");
            }
            // Whatever the copy said: every file the database names is there.
            let state = state(&config).await?;
            let mut conn = state.db.pool.acquire().await.map_err(|e| e.to_string())?;
            let named = app::server::store::deletions::in_use(&mut conn).await.map_err(|e| e.to_string())?;
            let missing = app::server::files::migrate::missing(&target, named.iter().cloned()).await;
            for name in &missing {
                eprintln!("  {name} : nommé par la base, absent de la destination");
            }
            if !report.failed.is_empty() || !missing.is_empty() {
                return Err(format!(
                    "migration incomplète ({} fichier(s) nommé(s) par la base absent(s) de la destination) : \
                     relancez la commande, elle reprend où elle s'est arrêtée",
                    missing.len()
                ));
            }
            println!("Les {} fichier(s) nommés par la base sont dans la destination.", named.len());
        }
        Command::Serve => serve(config).await?,
    }
    Ok(())
}

async fn serve(config: Config) -> Result<(), String> {
    let state = state(&config).await?;
    let mailer = Mailer::from_config(&config);
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(mailer.clone().run(state.clone(), stopped.clone()));
    let scheduler = tokio::spawn(jobs::schedule(state.clone(), mailer, stopped));
    // The recorder's histograms drained even when nothing scrapes.
    tokio::spawn(sesame_server::metrics::upkeep());
    let app = router(ServerState { leptos_options: leptos_options(&config.site_root, config.listen), app: state });
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("SESAME_LISTEN : {}: {e}", config.listen))?;
    tracing::info!("Sésame écoute sur http://{}", config.listen);
    sesame_server::listen::serve(listener, app, async {
        let ctrl_c = tokio::signal::ctrl_c();
        #[cfg(unix)]
        let mut term =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
        #[cfg(unix)]
        tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} }
        #[cfg(not(unix))]
        let _ = ctrl_c.await;
        tracing::info!("arrêt : fin des requêtes en cours");
    })
    .await;
    let _ = stop.send(true);
    let _ = tokio::join!(worker, scheduler);
    Ok(())
}
