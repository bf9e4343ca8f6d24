//! Searching off the UI thread: the UI submits queries with increasing generations and polls
//! for answers; a newer query cancels the one in progress, and answers to older queries are
//! never handed out.

use super::index::Index;
use super::query::{Query, QueryError};
use super::searcher::{SearchOptions, SearchResults, Searcher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// An answer from the worker.
#[derive(Debug, Clone)]
pub struct SearchEvent {
    /// The generation [`SearchWorker::submit`] returned for the query.
    pub generation: u64,
    /// A first page (`complete == false`) or the complete answer.
    pub results: SearchResults,
    /// This answer's number among all the thread sent, for [`SearchWorker::drawn`].
    pub seq: u64,
}

struct Request {
    generation: u64,
    query: Arc<Query>,
}

/// Called on the search thread after each answer is sent, to wake whoever waits for answers
/// (the app's event loop blocks on its own channel rather than polling every millisecond:
/// on two shared cores a polling loop woke late, up to 15 ms after the answer was ready).
pub type Notify = Arc<dyn Fn() + Send + Sync>;

/// How long the search thread waits for a screen to draw an answer ([`SearchWorker::drawn`])
/// before it goes on with the rest of the ranking or the idle preparation.
pub const DRAW_WAIT: Duration = Duration::from_millis(30);

/// The newest answer ([`SearchEvent::seq`]) a screen has drawn, and the search thread
/// waiting for it.
#[derive(Default)]
struct Screen {
    drawn: Mutex<u64>,
    changed: Condvar,
}

impl Screen {
    fn wake(&self, drawn: Option<u64>) {
        if let Ok(mut d) = self.drawn.lock() {
            if let Some(g) = drawn {
                *d = (*d).max(g);
            }
            self.changed.notify_all();
        }
    }

    /// Waits until answer `seq` of query `generation` is drawn or a newer query comes (true),
    /// or [`DRAW_WAIT`] ends (false).
    fn wait(&self, seq: u64, generation: u64, latest: &AtomicU64) -> bool {
        let Ok(d) = self.drawn.lock() else {
            return false;
        };
        self.changed
            .wait_timeout_while(d, DRAW_WAIT, |d| {
                *d < seq && latest.load(Ordering::SeqCst) == generation
            })
            .is_ok_and(|(_, timeout)| !timeout.timed_out())
    }
}

/// Handle to the search thread. Dropping it stops the thread.
pub struct SearchWorker {
    index: Arc<Index>,
    requests: Option<Sender<Request>>,
    events: Receiver<SearchEvent>,
    latest: Arc<AtomicU64>,
    /// For a screen ([`SearchWorker::spawn_for_screen`]): what it has drawn.
    screen: Option<Arc<Screen>>,
    thread: Option<JoinHandle<()>>,
}

impl SearchWorker {
    /// Starts the search thread over `index`.
    pub fn spawn(index: Arc<Index>, options: SearchOptions) -> Self {
        Self::start(index, options, Arc::new(|| {}), None)
    }

    /// Starts the search thread over `index` for a screen: `notify` is called after each
    /// answer is sent, and after an answer that shows what the screen will show (an exact
    /// first page, a complete answer) the thread waits for the screen to say it drew it
    /// ([`SearchWorker::drawn`], at most [`DRAW_WAIT`]) before it goes on with the rest of
    /// the ranking or the idle preparation. On two shared cores, going on at once kept the
    /// drawing thread from running for 5-15 ms after the answer was ready.
    pub fn spawn_for_screen(index: Arc<Index>, options: SearchOptions, notify: Notify) -> Self {
        Self::start(index, options, notify, Some(Arc::new(Screen::default())))
    }

    fn start(
        index: Arc<Index>,
        options: SearchOptions,
        notify: Notify,
        screen: Option<Arc<Screen>>,
    ) -> Self {
        let (req_tx, req_rx) = mpsc::channel::<Request>();
        let (ev_tx, ev_rx) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let searcher = Searcher::new(Arc::clone(&index), options);
        let thread_latest = Arc::clone(&latest);
        let thread_screen = screen.clone();
        let thread = std::thread::Builder::new()
            .name("search".into())
            .spawn(move || {
                let out = Out {
                    events: &ev_tx,
                    notify: &*notify,
                    screen: thread_screen.as_deref(),
                    latest: &thread_latest,
                    sent: std::cell::Cell::new(0),
                };
                run(searcher, &req_rx, &out);
            })
            .ok();
        SearchWorker {
            index,
            requests: Some(req_tx),
            events: ev_rx,
            latest,
            screen,
            thread,
        }
    }

    /// Tells the search thread the screen shows answer `seq` ([`SearchEvent::seq`]; see
    /// [`SearchWorker::spawn_for_screen`]).
    pub fn drawn(&self, seq: u64) {
        if let Some(s) = &self.screen {
            s.wake(Some(seq));
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
        if let Some(s) = &self.screen {
            // A thread waiting for the last answer to be drawn stops waiting.
            s.wake(None);
        }
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
        if let Some(s) = &self.screen {
            s.wake(None);
        }
        self.requests = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Where the search thread's answers go.
struct Out<'a> {
    events: &'a Sender<SearchEvent>,
    notify: &'a (dyn Fn() + Send + Sync),
    screen: Option<&'a Screen>,
    latest: &'a AtomicU64,
    /// Answers sent so far.
    sent: std::cell::Cell<u64>,
}

impl Out<'_> {
    /// Sends an answer unless a newer query came; false when the handle is gone.
    fn send(&self, generation: u64, results: SearchResults) -> bool {
        if self.latest.load(Ordering::SeqCst) != generation {
            return true;
        }
        let exact = results.exact_page;
        let seq = self.sent.get() + 1;
        self.sent.set(seq);
        if self
            .events
            .send(SearchEvent {
                generation,
                results,
                seq,
            })
            .is_err()
        {
            return false;
        }
        (self.notify)();
        if exact && let Some(screen) = self.screen {
            // Drawn or not, the search goes on.
            let _ = screen.wait(seq, generation, self.latest);
        }
        true
    }
}

fn run(mut searcher: Searcher, requests: &Receiver<Request>, out: &Out<'_>) {
    let latest = out.latest;
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
            out.send(generation, results);
        });
        if let Some(results) = answer
            && !out.send(generation, results)
        {
            return; // the handle is gone
        }
        // Idle until the next keystroke: prepare for it (a newer query cancels this).
        searcher.prepare_next(&cancel);
    }
}

#[cfg(test)]
#[path = "worker_tests.rs"]
mod tests;
