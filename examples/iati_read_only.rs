fn main() {
    let file = std::fs::File::open(std::env::args().nth(1).unwrap()).unwrap();
    let t = std::time::Instant::now();
    let mut reader =
        partnerships::formats::iati::IatiReader::new(std::io::BufReader::new(file)).unwrap();
    let mut n = 0;
    while let Some(a) = reader.next_activity().unwrap() {
        n += a.transactions.len();
    }
    let r = reader.report();
    eprintln!(
        "{n} {:?} diags {} kept {} unread {}",
        t.elapsed(),
        r.diagnostic_count(),
        r.diagnostics.len(),
        r.unread.len()
    );
}
