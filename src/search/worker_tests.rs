//! The search thread for a screen: it wakes its caller for every answer, and after an answer
//! the screen will keep it waits for the screen to draw it, never longer than [`DRAW_WAIT`],
//! and not at all once a newer query comes.

use super::*;
use crate::search::{Index, IndexRow};
use crate::synth;

fn synthetic(n: usize) -> Arc<Index> {
    let regions = synth::regions();
    let rows: Vec<IndexRow> = synth::index_rows(42, &regions, n).collect();
    Arc::new(Index::build(regions, rows))
}

/// A worker for a screen over `n` synthetic records, with the wake-ups it sends.
fn screen_worker(n: usize) -> (SearchWorker, Receiver<()>) {
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let notify: Notify = Arc::new(move || {
        if let Ok(tx) = tx.lock() {
            let _ = tx.send(());
        }
    });
    let worker = SearchWorker::spawn_for_screen(synthetic(n), SearchOptions::default(), notify);
    (worker, rx)
}

/// The answers to the latest query until the complete one, each taken after its wake-up;
/// `draw` says whether to tell the worker each was drawn.
fn answers(worker: &SearchWorker, woken: &Receiver<()>, draw: bool) -> Vec<SearchEvent> {
    let mut out = Vec::new();
    loop {
        // A generous limit: a broken worker fails the test instead of hanging it.
        woken
            .recv_timeout(Duration::from_mins(1))
            .expect("a wake-up for every answer");
        let Some(ev) = worker.try_recv() else {
            continue; // an answer to an older query, dropped
        };
        if draw {
            worker.drawn(ev.seq);
        }
        let done = ev.results.complete;
        out.push(ev);
        if done {
            return out;
        }
    }
}

#[test]
fn every_answer_comes_with_a_wake_up_and_a_new_number() {
    let (mut worker, woken) = screen_worker(60_000);
    let mut seqs = Vec::new();
    for q in ["k", "ko", "kota s", "sm"] {
        let generation = worker.submit(q).expect("parses");
        let got = answers(&worker, &woken, true);
        assert!(got.iter().all(|e| e.generation == generation), "{q}");
        let last = &got.last().expect("an answer").results;
        assert_eq!(last.query.text(), q);
        seqs.extend(got.iter().map(|e| e.seq));
    }
    assert!(seqs.windows(2).all(|w| w[0] < w[1]), "{seqs:?}");
}

#[test]
fn answers_never_drawn_still_all_arrive() {
    let (mut worker, woken) = screen_worker(60_000);
    for q in ["s", "sm", "smr"] {
        worker.submit(q).expect("parses");
        // Nobody draws: every answer still arrives, the wait after each ending by itself.
        let got = answers(&worker, &woken, false);
        assert_eq!(got.last().expect("an answer").results.query.text(), q);
    }
}

#[test]
fn a_wait_ends_when_drawn_or_when_a_newer_query_comes_else_it_gives_up() {
    let screen = Arc::new(Screen::default());
    let latest = Arc::new(AtomicU64::new(1));
    let waiter = |seq: u64| {
        let (screen, latest) = (Arc::clone(&screen), Arc::clone(&latest));
        std::thread::spawn(move || screen.wait(seq, 1, &latest))
    };
    // Nothing drawn: it gives up.
    assert!(!waiter(1).join().expect("waits"));
    // Already drawn, or drawn while it waits.
    screen.wake(Some(3));
    assert!(waiter(3).join().expect("waits"));
    let t = waiter(4);
    screen.wake(Some(4));
    assert!(t.join().expect("waits"));
    // Drawn an older answer only: it gives up.
    assert!(!waiter(5).join().expect("waits"));
    // A newer query while it waits: the old answer's wait ends.
    let t = waiter(5);
    latest.store(2, Ordering::SeqCst);
    screen.wake(None);
    assert!(t.join().expect("waits"));
}
