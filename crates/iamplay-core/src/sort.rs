//! Stable sorting with one copy of the sorting code in a binary.
//!
//! The standard library's stable sort is generic over the element and the comparison:
//! each `sort_by_key` call site instantiates its own copy (about 6.5 KB of wasm each, nine
//! of them in the playground). These functions sort a list of indices, always the same
//! type with the same comparison closure, and then move the elements into that order, so
//! the sorting code exists once; only the small permutation step is per element type.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping the order of equal elements (like `slice::sort_by`).
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_indices(&mut order, &|a, b| match (items.get(a), items.get(b)) {
        (Some(x), Some(y)) => compare(x, y),
        _ => Ordering::Equal,
    });
    permute(items, order);
}

/// Sorts `items` by the key `key` gives, keeping the order of equal elements (like
/// `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their natural order (like `slice::sort`).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The one instantiation of the standard sort: indices, compared through `compare`.
#[inline(never)]
#[allow(clippy::disallowed_methods)]
fn sort_indices(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

/// Moves the element at `order[i]` to position `i`, following each cycle of the
/// permutation once (linear, no copy of the elements).
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut position = start;
        while let Some(slot) = order.get_mut(position) {
            let source = std::mem::replace(slot, position);
            if source == start || source == position {
                break;
            }
            items.swap(position, source);
            position = source;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the cases are many and reproducible.
    fn numbers(seed: u64, n: usize, range: u64) -> Vec<u64> {
        let mut state = seed;
        (0..n)
            .map(|_| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (state >> 33) % range
            })
            .collect()
    }

    #[test]
    fn sorts_as_the_standard_stable_sort_does() {
        for seed in 0..200 {
            let n = (seed as usize * 7) % 90;
            // pairs of (key, original position): equal keys must keep their order
            let items: Vec<(u64, usize)> = numbers(seed, n, 8).into_iter().zip(0..).collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |&(k, _)| k);
            let mut std_sorted = items.clone();
            #[allow(clippy::disallowed_methods)]
            std_sorted.sort_by_key(|&(k, _)| k);
            assert_eq!(ours, std_sorted, "seed {seed}, {n} items");
        }
    }

    #[test]
    fn sorts_owned_values_and_empty_lists() {
        let mut words: Vec<String> = ["pear", "apple", "fig", "apple"].map(String::from).to_vec();
        sort(&mut words);
        assert_eq!(words, ["apple", "apple", "fig", "pear"]);
        let mut none: Vec<String> = Vec::new();
        sort(&mut none);
        assert!(none.is_empty());
        let mut reversed: Vec<u32> = (0..50).rev().collect();
        sort_by(&mut reversed, |a, b| a.cmp(b));
        assert_eq!(reversed, (0..50).collect::<Vec<_>>());
    }
}
