//! PDF generation time per AK-1 card: `cargo bench --features ssr --bench ak1_card`.
use criterion::{Criterion, criterion_group, criterion_main};
use dnaker::features::ak1::card_pdf::{render, sample};

fn card(c: &mut Criterion) {
    let card = sample();
    c.bench_function("render one AK-1 card PDF", |b| {
        b.iter(|| render(std::hint::black_box(&card)));
    });
}

criterion_group!(benches, card);
criterion_main!(benches);
