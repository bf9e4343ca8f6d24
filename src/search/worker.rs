//! Searching off the UI thread: the UI submits queries with increasing generations and polls
//! for answers; a newer query cancels the one in progress, and answers to older queries are
//! never handed out.

use super::index::Index;
use super::query::{Query, QueryError};
use super::searcher::{SearchOptions, SearchResults, Searcher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// An answer from the worker.
#[derive(Debug, Clone)]
pub struct SearchEvent {
    /// The generation [`SearchWorker::submit`] returned for the query.
    pub generation: u64,
    /// A first page (`complete == false`) or the complete answer.
    pub results: SearchResults,
}

struct Request {
    generation: u64,
    query: Arc<Query>,
}

/// Handle to the search thread. Dropping it stops the thread.
pub struct SearchWorker {
    index: Arc<Index>,
    requests: Option<Sender<Request>>,
    events: Receiver<SearchEvent>,
    latest: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl SearchWorker {
    /// Starts the search thread over `index`.
    pub fn spawn(index: Arc<Index>, options: SearchOptions) -> Self {
        let (req_tx, req_rx) = mpsc::channel::<Request>();
        let (ev_tx, ev_rx) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let searcher = Searcher::new(Arc::clone(&index), options);
        let thread_latest = Arc::clone(&latest);
        let thread = std::thread::Builder::new()
            .name("search".into())
            .spawn(move || run(searcher, &req_rx, &ev_tx, &thread_latest))
            .ok();
        SearchWorker {
            index,
            requests: Some(req_tx),
            events: ev_rx,
            latest,
            thread,
        }
    }

    /// The index searched (for records, names and highlights).
    pub fn index(&self) -> &Arc<Index> {
        &self.index
    }

    /// Parses `text` and submits it; returns its generation, or the parse error to show.
    pub fn submit(&mut self, text: &str) -> Result<u64, QueryError> {
        let query = Query::parse(text, self.index.aliases())?;
        Ok(self.submit_query(query))
    }

    /// Submits a parsed query; any query still in progress is cancelled.
    pub fn submit_query(&mut self, query: Query) -> u64 {
        let generation = self.latest.load(Ordering::SeqCst) + 1;
        self.latest.store(generation, Ordering::SeqCst);
        if let Some(tx) = &self.requests {
            // A send fails only if the thread died; then no answer comes, as for a cancel.
            let _ = tx.send(Request {
                generation,
                query: Arc::new(query),
            });
        }
        generation
    }

    /// The generation of the last query submitted.
    pub fn latest(&self) -> u64 {
        self.latest.load(Ordering::SeqCst)
    }

    /// The next answer to the latest query, without waiting; answers to older queries are
    /// dropped here.
    pub fn try_recv(&self) -> Option<SearchEvent> {
        loop {
            match self.events.try_recv() {
                Ok(ev) if ev.generation == self.latest() => return Some(ev),
                Ok(_) => {}
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return None,
            }
        }
    }

    /// The next answer to the latest query, waiting for it (for the CLI and tests).
    /// `None` if the thread has stopped.
    pub fn recv(&self) -> Option<SearchEvent> {
        loop {
            let ev = self.events.recv().ok()?;
            if ev.generation == self.latest() {
                return Some(ev);
            }
        }
    }

    /// Like [`SearchWorker::recv`], giving up after `timeout` (`None` then too).
    pub fn recv_timeout(&self, timeout: Duration) -> Option<SearchEvent> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let ev = self.events.recv_timeout(left).ok()?;
            if ev.generation == self.latest() {
                return Some(ev);
            }
        }
    }
}

impl Drop for SearchWorker {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop; cancel what it is doing first.
        self.latest.fetch_add(1, Ordering::SeqCst);
        self.requests = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(
    mut searcher: Searcher,
    requests: &Receiver<Request>,
    events: &Sender<SearchEvent>,
    latest: &AtomicU64,
) {
    // Idle until the first query.
    searcher.prepare_next(&|| latest.load(Ordering::SeqCst) != 0);
    while let Ok(mut req) = requests.recv() {
        // Only the newest waiting request matters.
        while let Ok(newer) = requests.try_recv() {
            req = newer;
        }
        let generation = req.generation;
        let cancel = || latest.load(Ordering::SeqCst) != generation;
        if cancel() {
            continue;
        }
        let answer = searcher.search_with(&req.query, &cancel, &mut |results| {
            if !cancel() {
                let _ = events.send(SearchEvent {
                    generation,
                    results,
                });
            }
        });
        if let Some(results) = answer
            && !cancel()
            && events
                .send(SearchEvent {
                    generation,
                    results,
                })
                .is_err()
        {
            return; // the handle is gone
        }
        // Idle until the next keystroke: prepare for it (a newer query cancels this).
        searcher.prepare_next(&cancel);
    }
}
