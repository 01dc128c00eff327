//! PDF work off the async workers. Merging and reading PDFs (lopdf) is
//! CPU-bound and runs on files anyone may upload, so it runs on blocking
//! threads, at most `PARALLEL` at once across the server, one at a time per
//! candidate, and the request gets its answer within `LIMIT` whatever the
//! file: past it the candidate is told to try again (`AppError::Busy`).
//! A run past its limit keeps its turn until it ends, so a crafted file
//! can hold at most one of the `PARALLEL` threads, never the async ones.
//! The turns and places belong to the server's state (`AppState::pdf_work`),
//! not to the process: two states (the tests' databases) never share them.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::error::AppError;

pub const PARALLEL: usize = 2;
pub const LIMIT: Duration = Duration::from_secs(20);

/// The threads' turns and the candidates whose work runs.
#[derive(Debug)]
pub struct PdfWork {
    turns: Arc<Semaphore>,
    running: Arc<Mutex<HashSet<i64>>>,
}

impl Default for PdfWork {
    fn default() -> Self {
        PdfWork { turns: Arc::new(Semaphore::new(PARALLEL)), running: Arc::default() }
    }
}

/// The candidate's place while their work runs (released when it ends,
/// even past the time limit).
struct Running(Arc<Mutex<HashSet<i64>>>, i64);

impl Running {
    fn take(running: &Arc<Mutex<HashSet<i64>>>, candidate: i64) -> Option<Running> {
        let taken = running.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(candidate);
        // Built only once the lock is released (its drop takes the lock).
        taken.then(|| Running(running.clone(), candidate))
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).remove(&self.1);
    }
}

impl PdfWork {
    /// Runs `work` for this candidate under the limits above.
    pub async fn run<T: Send + 'static>(
        &self,
        candidate: i64,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        self.run_within(candidate, LIMIT, work).await
    }

    /// `run`, with `inputs` (the files, from the store) read once the
    /// candidate's place is taken: a candidate's parallel requests never
    /// hold their files in memory at once.
    pub async fn run_with<I: Send + 'static, T: Send + 'static>(
        &self,
        candidate: i64,
        inputs: impl std::future::Future<Output = Result<I, AppError>>,
        work: impl FnOnce(I) -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let running = Running::take(&self.running, candidate).ok_or(AppError::Busy)?;
        let inputs = inputs.await?;
        self.run_in_place(running, LIMIT, move || work(inputs)).await
    }

    pub async fn run_within<T: Send + 'static>(
        &self,
        candidate: i64,
        limit: Duration,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let running = Running::take(&self.running, candidate).ok_or(AppError::Busy)?;
        self.run_in_place(running, limit, work).await
    }

    async fn run_in_place<T: Send + 'static>(
        &self,
        running: Running,
        limit: Duration,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let candidate = running.1;
        let turn = match tokio::time::timeout(limit, self.turns.clone().acquire_owned()).await {
            Ok(Ok(turn)) => turn,
            Ok(Err(closed)) => return Err(AppError::internal("PDF work pool", closed)),
            Err(_) => return Err(AppError::Busy),
        };
        let task = tokio::task::spawn_blocking(move || {
            let _held = (turn, running);
            work()
        });
        match tokio::time::timeout(limit, task).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(error)) => Err(AppError::internal("PDF work failed", error)),
            Err(_) => {
                tracing::warn!(candidate, seconds = limit.as_secs(), "PDF work past its time limit");
                Err(AppError::Busy)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_candidate_runs_one_at_a_time_and_answers_come_in_time() {
        let work = Arc::new(PdfWork::default());
        let (started, wait) = std::sync::mpsc::channel::<()>();
        let (release, held) = std::sync::mpsc::channel::<()>();
        let slow = tokio::spawn({
            let work = work.clone();
            async move {
                work.run_within(-1, Duration::from_millis(200), move || {
                    started.send(()).unwrap();
                    held.recv().ok();
                })
                .await
            }
        });
        wait.recv().unwrap();
        assert_eq!(work.run(-1, || ()).await, Err(AppError::Busy), "the same candidate waits for their first merge");
        assert_eq!(work.run(-2, || 7).await, Ok(7), "another candidate does not");
        assert_eq!(slow.await.unwrap(), Err(AppError::Busy), "past its limit the request is answered");
        assert_eq!(work.run(-1, || ()).await, Err(AppError::Busy), "the run past its limit still holds its place");
        release.send(()).unwrap();
        for _ in 0..100 {
            if work.run(-1, || ()).await.is_ok() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("the place was never released");
    }

    #[tokio::test]
    async fn two_servers_states_never_share_a_candidates_place() {
        let (one, other) = (PdfWork::default(), PdfWork::default());
        let (started, wait) = std::sync::mpsc::channel::<()>();
        let (release, held) = std::sync::mpsc::channel::<()>();
        let busy = one.run(1, move || {
            started.send(()).unwrap();
            held.recv().ok();
        });
        let check = async {
            tokio::task::spawn_blocking(move || wait.recv().unwrap()).await.unwrap();
            let answer = other.run(1, || 7).await;
            release.send(()).unwrap();
            answer
        };
        let (first, second) = tokio::join!(busy, check);
        assert_eq!((first, second), (Ok(()), Ok(7)), "candidate 1 of another database runs at once");
    }
}
