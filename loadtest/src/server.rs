//! The release server under load: its data folder and database, the crowd
//! seeded by `sesame demo --candidats`, the process itself, and what it
//! costs (CPU and resident memory read from /proc every half second).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const PASSWORD: &str = "Foule-Sesame-2026";

/// Where this run's database lives.
pub enum Database {
    Sqlite(PathBuf),
    /// The server's URL, and the database created for the run (dropped after).
    Postgres {
        url: String,
        admin: String,
        name: String,
    },
}

impl Database {
    pub fn create(postgres: Option<&str>, dir: &Path) -> Result<Database, String> {
        let Some(admin) = postgres else { return Ok(Database::Sqlite(dir.join("sesame.db"))) };
        let name = format!("sesame_charge_{}", std::process::id());
        psql(admin, &format!("DROP DATABASE IF EXISTS {name}"))?;
        psql(admin, &format!("CREATE DATABASE {name}"))?;
        let server = admin.rsplit_once('/').map(|(s, _)| s).ok_or("--postgres : postgres://hôte:port/base")?;
        Ok(Database::Postgres { url: format!("{server}/{name}"), admin: admin.to_owned(), name })
    }

    pub fn url(&self) -> String {
        match self {
            Database::Sqlite(path) => format!("sqlite://{}", path.display()),
            Database::Postgres { url, .. } => url.clone(),
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Database::Sqlite(_) => "SQLite",
            Database::Postgres { .. } => "PostgreSQL",
        }
    }

    pub fn drop_it(&self) {
        if let Database::Postgres { admin, name, .. } = self {
            if let Err(e) = psql(admin, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")) {
                eprintln!("{e}");
            }
        }
    }
}

fn psql(url: &str, sql: &str) -> Result<(), String> {
    let out = Command::new("psql").args([url, "-qXc", sql]).output().map_err(|e| format!("psql : {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("psql {sql} : {}", String::from_utf8_lossy(&out.stderr)))
    }
}

/// The environment every `sesame` command of the run gets.
pub struct Setup {
    pub binary: PathBuf,
    pub site: PathBuf,
    pub data: PathBuf,
    pub database: String,
    pub listen: std::net::SocketAddr,
}

impl Setup {
    fn command(&self) -> Command {
        let mut command = Command::new(&self.binary);
        command
            .env("SESAME_DATA_DIR", &self.data)
            .env("SESAME_DATABASE_URL", &self.database)
            .env("SESAME_LISTEN", self.listen.to_string())
            .env("LEPTOS_SITE_ROOT", &self.site)
            // The candidates come through the university's reverse proxy,
            // each from their own address (X-Forwarded-For).
            .env("SESAME_TRUSTED_PROXIES", "127.0.0.1")
            .env("SESAME_LOG", "warn")
            .env_remove("SESAME_SMTP_URL")
            .env_remove("SESAME_CONFIG");
        command
    }

    /// `sesame demo --candidats N`: the seconds it took.
    pub fn seed(&self, candidates: u32) -> Result<f64, String> {
        let start = Instant::now();
        let out = self
            .command()
            .args(["demo", "--candidats", &candidates.to_string()])
            .env("SESAME_FOULE_MOT_DE_PASSE", PASSWORD)
            .output()
            .map_err(|e| format!("{} : {e}", self.binary.display()))?;
        if !out.status.success() {
            return Err(format!(
                "sesame demo : {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(start.elapsed().as_secs_f64())
    }

    pub fn serve(&self) -> Result<Child, String> {
        let log = std::fs::File::create(self.data.join("serve.log")).map_err(|e| e.to_string())?;
        self.command()
            .arg("serve")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("{} : {e}", self.binary.display()))
    }
}

/// A free loopback port.
pub fn free_address() -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    listener.local_addr().expect("its address")
}

/// Waits until `/healthz` answers (the migrations ran, the server listens).
pub async fn ready(address: std::net::SocketAddr, child: &mut Child) -> Result<(), String> {
    let client = reqwest::Client::new();
    for _ in 0..600 {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("le serveur s'est arrêté ({status})"));
        }
        if let Ok(r) = client.get(format!("http://{address}/healthz")).send().await {
            if r.status().is_success() {
                return Ok(());
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err("le serveur ne répond pas sur /healthz après 60 s".into())
}

/// SIGTERM, then SIGKILL after 10 s.
pub fn stop(child: &mut Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    for _ in 0..100 {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// One reading of a process: CPU seconds used so far and resident memory.
#[derive(Clone, Copy, Default)]
pub struct Reading {
    pub at: f64,
    pub cpu_seconds: f64,
    pub rss_kib: u64,
}

fn read(pid: u32) -> Option<(f64, u64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) in parentheses.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let rss = status.lines().find(|l| l.starts_with("VmRSS:"))?.split_whitespace().nth(1)?.parse().ok()?;
    // USER_HZ is 100 on Linux.
    Some((ticks / 100.0, rss))
}

/// Peak resident memory of a process (VmHWM), KiB.
pub fn peak_rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

/// Readings of the server and of this load tool, every half second.
pub struct Sampler {
    stop: Arc<AtomicBool>,
    pub server: Arc<Mutex<Vec<Reading>>>,
    pub tool: Arc<Mutex<Vec<Reading>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Sampler {
    pub fn start(server_pid: u32, start: Instant) -> Sampler {
        let stop = Arc::new(AtomicBool::new(false));
        let (server, tool) = (Arc::new(Mutex::new(Vec::new())), Arc::new(Mutex::new(Vec::new())));
        let thread = {
            let (stop, server, tool) = (stop.clone(), server.clone(), tool.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let at = start.elapsed().as_secs_f64();
                    for (pid, into) in [(server_pid, &server), (std::process::id(), &tool)] {
                        if let Some((cpu_seconds, rss_kib)) = read(pid) {
                            into.lock().unwrap().push(Reading { at, cpu_seconds, rss_kib });
                        }
                    }
                    std::thread::sleep(Duration::from_millis(500));
                }
            })
        };
        Sampler { stop, server, tool, thread: Some(thread) }
    }

    pub fn finish(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Free bytes on the file system holding `dir` (`df`).
pub fn free_bytes(dir: &Path) -> Option<u64> {
    let out = Command::new("df").args(["-Pk"]).arg(dir).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let kib: u64 = text.lines().nth(1)?.split_whitespace().nth(3)?.parse().ok()?;
    Some(kib * 1024)
}

/// Bytes under `dir`, recursively (what the run stored).
pub fn stored_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => stored_bytes(&e.path()),
            Ok(_) => e.metadata().map(|m| m.len()).unwrap_or(0),
            Err(_) => 0,
        })
        .sum()
}
