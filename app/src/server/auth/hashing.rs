//! Argon2id (m = 19 MiB, t = 2, p = 1), run off the async runtime on a
//! small pool of dedicated threads, one per core: a burst of sign-ins
//! queues instead of exhausting memory. The queue is bounded: when it is
//! full the hasher answers `HashError::Busy` at once (the server says 503
//! with `Retry-After`) instead of letting waits grow without end. Each thread hashes in one 19 MiB
//! buffer of its own, allocated once: letting argon2 allocate per hash made
//! the allocator keep several such buffers per thread (the benchmark saw
//! 357 MiB after 50 sign-ins).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};

use std::cell::RefCell;

use argon2::password_hash::{self, Output, ParamsString, PasswordHash, PasswordVerifier as _, Salt, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::oneshot;

use crate::domain::password::Password;

type Job = Box<dyn FnOnce() + Send>;

#[derive(Clone)]
pub struct Hasher {
    jobs: mpsc::SyncSender<Job>,
    /// Passwords verified so far (a decoy included): what throttling bounds.
    verified: Arc<AtomicU64>,
}

/// Hashes waiting for a thread, beyond which new ones are refused: with
/// 15 ms a hash, 64 waiting cost at most half a second per core.
pub const QUEUE: usize = 64;

const MEMORY_KIB: u32 = 19 * 1024;

fn params() -> Params {
    Params::new(MEMORY_KIB, 2, 1, None).expect("constant Argon2 parameters are valid")
}

fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params())
}

thread_local! {
    /// The 19 MiB each hashing thread works in, allocated once: memory stays
    /// at threads × 19 MiB whatever the number of sign-ins.
    static MEMORY: RefCell<Vec<Block>> = RefCell::new(vec![Block::default(); MEMORY_KIB as usize]);
}

/// Argon2id of `password` with our parameters, in this thread's memory.
fn compute(password: &[u8], salt: Salt<'_>, output_len: usize) -> password_hash::Result<Output> {
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut salt_bytes)?;
    MEMORY.with(|memory| {
        Output::init_with(output_len, |out| {
            argon2().hash_password_into_with_memory(password, salt_bytes, out, &mut memory.borrow_mut()[..])?;
            Ok(())
        })
    })
}

fn hash_now(password: &str) -> password_hash::Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params())?,
        salt: Some(salt.as_salt()),
        hash: Some(compute(password.as_bytes(), salt.as_salt(), Params::DEFAULT_OUTPUT_LEN)?),
    };
    Ok(hash.to_string())
}

fn verify_now(password: &str, hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else { return false };
    let ours = parsed.algorithm == Algorithm::Argon2id.ident()
        && parsed.version == Some(Version::V0x13.into())
        && Params::try_from(&parsed).is_ok_and(|p| p.m_cost() == MEMORY_KIB && p.t_cost() == 2 && p.p_cost() == 1);
    match (ours, parsed.salt, parsed.hash) {
        // Output's equality is constant-time.
        (true, Some(salt), Some(expected)) => {
            compute(password.as_bytes(), salt, expected.len()).is_ok_and(|out| out == expected)
        }
        // Hashes made with other parameters still verify (allocating).
        _ => argon2().verify_password(password.as_bytes(), &parsed).is_ok(),
    }
}

/// A hash of nothing anyone knows: checked when no account matches, so an
/// unknown identifier costs the same time as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_now("decoy password never used").expect("hashing a constant works"))
}

impl Hasher {
    /// Starts `threads` hashing threads; they end when the last clone of
    /// the hasher is dropped.
    pub fn new(threads: usize) -> Self {
        Self::with_queue(threads, QUEUE)
    }

    /// `queue` hashes may wait for a thread; more are refused as `Busy`.
    pub fn with_queue(threads: usize, queue: usize) -> Self {
        let (jobs, queue) = mpsc::sync_channel::<Job>(queue);
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..threads.max(1) {
            let queue = Arc::clone(&queue);
            std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || loop {
                    let next = queue.lock().map(|q| q.recv());
                    match next {
                        Ok(Ok(job)) => job(),
                        _ => return,
                    }
                })
                .expect("a hashing thread starts");
        }
        Hasher { jobs, verified: Arc::new(AtomicU64::new(0)) }
    }

    /// How many passwords this hasher has verified.
    pub fn verified(&self) -> u64 {
        self.verified.load(Ordering::Relaxed)
    }

    /// One permit per core by default.
    pub fn per_core() -> Self {
        Self::new(std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1))
    }

    pub async fn hash(&self, password: &Password) -> Result<String, HashError> {
        let password = password.expose().to_owned();
        self.blocking(move || hash_now(&password).map_err(|e| HashError::Failed(e.to_string()))).await?
    }

    /// Checks `password` against `hash`, or against a decoy when there is no
    /// account, so that both cases take the same time.
    pub async fn verify(&self, password: &str, hash: Option<&str>) -> Result<bool, HashError> {
        let password = password.to_owned();
        // An account without a usable hash (a staff invitation not yet
        // accepted) costs the same time as any other.
        let (hash, real) = match hash {
            Some(hash) if PasswordHash::new(hash).is_ok() => (hash.to_owned(), true),
            _ => (decoy_hash().to_owned(), false),
        };
        let verified = Arc::clone(&self.verified);
        let good = self
            .blocking(move || {
                verified.fetch_add(1, Ordering::Relaxed);
                verify_now(&password, &hash)
            })
            .await?;
        Ok(good && real)
    }

    async fn blocking<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, HashError> {
        let (done, result) = oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = done.send(work());
        });
        self.jobs.try_send(job).map_err(|e| match e {
            mpsc::TrySendError::Full(_) => HashError::Busy,
            mpsc::TrySendError::Disconnected(_) => HashError::Failed("hashing threads gone".into()),
        })?;
        result.await.map_err(|_| HashError::Failed("hashing thread dropped the job".into()))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// Every thread busy and the queue full: try again in a moment.
    #[error("password hashing queue full")]
    Busy,
    #[error("password hashing failed: {0}")]
    Failed(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_with_argon2id_and_verifies() {
        let hasher = Hasher::new(2);
        let password = Password::parse("Abcdefgh1!").unwrap();
        let hash = hasher.hash(&password).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(hasher.verify("Abcdefgh1!", Some(&hash)).await.unwrap());
        assert!(!hasher.verify("Abcdefgh1?", Some(&hash)).await.unwrap());
        assert!(!hasher.verify("Abcdefgh1!", None).await.unwrap());
        assert!(!hasher.verify("Abcdefgh1!", Some("not a hash")).await.unwrap());
        assert_eq!(hasher.verified(), 4);
    }

    #[tokio::test]
    async fn a_full_queue_refuses_at_once_instead_of_waiting() {
        let hasher = Hasher::with_queue(1, 2);
        let attempts = (0..20).map(|_| {
            let hasher = hasher.clone();
            tokio::spawn(async move { hasher.verify("Abcdefgh1!", None).await })
        });
        let outcomes = futures::future::join_all(attempts).await;
        let busy = outcomes.iter().filter(|o| matches!(o, Ok(Err(HashError::Busy)))).count();
        let done = outcomes.iter().filter(|o| matches!(o, Ok(Ok(false)))).count();
        assert!(busy >= 15, "one thread and two places leave most of 20 attempts refused: {busy} busy, {done} done");
        assert_eq!(busy + done, 20);
        assert!(hasher.verify("Abcdefgh1!", None).await.is_ok(), "works again once the queue drains");
    }

    #[test]
    fn interoperates_with_the_standard_argon2_implementation() {
        use argon2::password_hash::PasswordHasher as _;
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        let standard = argon2().hash_password(b"Abcdefgh1!", &salt).unwrap().to_string();
        assert!(verify_now("Abcdefgh1!", &standard));
        assert!(!verify_now("Abcdefgh1?", &standard));
        let ours = hash_now("Abcdefgh1!").unwrap();
        assert!(argon2().verify_password(b"Abcdefgh1!", &PasswordHash::new(&ours).unwrap()).is_ok());
        // Other parameters still verify, through the allocating path.
        let light = Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(1024, 1, 1, None).unwrap());
        let other = light.hash_password(b"Abcdefgh1!", &salt).unwrap().to_string();
        assert!(verify_now("Abcdefgh1!", &other));
    }
}
