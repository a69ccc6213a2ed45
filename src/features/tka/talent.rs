//! The local-talent check's count: seekers with a valid AK-1 card who want the kind of job a foreign worker
//! holds. A card holder counts for a position whose title names one of the jobs they want (the vacancy
//! matching's rule), once however many of their wishes it names.
//!
//! The holders are counted ahead, per list of wished jobs, by the hourly job (`jobs::count_talent_pool`):
//! the officer's queue read every card holder's wishes on each visit. Equal lists pool into one row, so
//! the page reads as many rows as there are different lists, and counts each title through an index from
//! each wished job to the lists that name it.
use std::{
    collections::{BTreeMap, HashMap},
    sync::Mutex,
};

/// One wish list as the rule reads it: the comma-separated jobs trimmed and in lower case, without empty
/// ones; sorted and without repeats, so that lists that want the same jobs pool together.
pub fn normalize_wishes(list: &str) -> String {
    let mut wishes: Vec<String> = list
        .split(',')
        .map(|wish| wish.trim().to_lowercase())
        .filter(|wish| !wish.is_empty())
        .collect();
    wishes.sort();
    wishes.dedup();
    wishes.join(",")
}

/// Pools the database's counts per list as written into counts per normalized list; lists that name no
/// job are left out (no title can name them).
pub fn pool_lists(rows: impl IntoIterator<Item = (String, i64)>) -> BTreeMap<String, i64> {
    let mut pool = BTreeMap::new();
    for (list, holders) in rows {
        let wishes = normalize_wishes(&list);
        if !wishes.is_empty() && holders > 0 {
            *pool.entry(wishes).or_insert(0) += holders;
        }
    }
    pool
}

/// The counted pool, indexed for titles: each wished job with the lists that name it.
#[derive(Debug, Default)]
pub struct TalentPool {
    holders: Vec<i64>,
    wishes: HashMap<String, Wish>,
    /// Each title's count once made. A wish that many lists share (real lists are free text) makes a
    /// title naming it and another wish a union of all their lists: paid once per title and count.
    counted: Mutex<HashMap<String, i64>>,
}

/// One wished job: the lists that name it, and their holders (a list names a wish once).
#[derive(Debug, Default)]
struct Wish {
    lists: Vec<usize>,
    holders: i64,
}

/// Titles remembered per count: far more than the active positions of a regency's foreign workers.
const COUNTED_TITLES: usize = 10_000;

impl TalentPool {
    /// From the normalized lists and their holder counts (the `talent_pool` rows).
    pub fn new(lists: Vec<(String, i64)>) -> TalentPool {
        let mut pool = TalentPool::default();
        for (index, (wishes, holders)) in lists.into_iter().enumerate() {
            pool.holders.push(holders);
            for wish in wishes.split(',').filter(|wish| !wish.is_empty()) {
                let entry = pool.wishes.entry(wish.to_owned()).or_default();
                entry.lists.push(index);
                entry.holders += holders;
            }
        }
        pool
    }

    /// The card holders who want a job the title names; each holder once.
    pub fn holders_for(&self, title: &str) -> i64 {
        let title = title.to_lowercase();
        if let Some(&known) = self.counted().get(&title) {
            return known;
        }
        let ends = char_ends(&title);
        // A title names a wish when one of its substrings is that wish: look up each substring (at most
        // 7,260 for the 120 characters of a position) or test each wish, whichever is fewer.
        let holders = if ends.len() * ends.len().saturating_sub(1) / 2 < self.wishes.len() {
            self.by_substrings(&title, &ends)
        } else {
            self.by_wishes(&title)
        };
        let mut counted = self.counted();
        if counted.len() < COUNTED_TITLES {
            counted.insert(title, holders);
        }
        holders
    }

    fn counted(&self) -> std::sync::MutexGuard<'_, HashMap<String, i64>> {
        self.counted
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn by_wishes(&self, title: &str) -> i64 {
        self.union(
            self.wishes
                .iter()
                .filter(|(wish, _)| title.contains(wish.as_str()))
                .map(|(_, wish)| wish)
                .collect(),
        )
    }

    fn by_substrings(&self, title: &str, ends: &[usize]) -> i64 {
        let mut named: HashMap<&str, &Wish> = HashMap::new();
        for (i, &start) in ends.iter().enumerate() {
            for &end in &ends[i + 1..] {
                let part = &title[start..end];
                if let Some(wish) = self.wishes.get(part) {
                    named.insert(part, wish);
                }
            }
        }
        self.union(named.into_values().collect())
    }

    /// The holders of the lists the wishes name, each list once.
    fn union(&self, named: Vec<&Wish>) -> i64 {
        match named.as_slice() {
            [] => 0,
            [one] => one.holders,
            many => {
                let mut lists: Vec<usize> = many
                    .iter()
                    .flat_map(|wish| wish.lists.iter().copied())
                    .collect();
                lists.sort_unstable();
                lists.dedup();
                lists.iter().map(|&index| self.holders[index]).sum()
            }
        }
    }
}

/// The byte offsets where the title's characters start, and its end: the bounds of its substrings.
fn char_ends(title: &str) -> Vec<usize> {
    title
        .char_indices()
        .map(|(at, _)| at)
        .chain(std::iter::once(title.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The rule applied to each holder alone: what the pool must count.
    fn per_holder(holders: &[String], title: &str) -> i64 {
        let title = title.to_lowercase();
        holders
            .iter()
            .filter(|list| {
                list.split(',')
                    .map(|wish| wish.trim().to_lowercase())
                    .any(|wish| !wish.is_empty() && title.contains(&wish))
            })
            .count() as i64
    }

    fn pooled(holders: &[String]) -> TalentPool {
        let rows = holders.iter().map(|list| (list.clone(), 1));
        TalentPool::new(pool_lists(rows).into_iter().collect())
    }

    #[test]
    fn a_holder_counts_once_for_a_title_that_names_several_of_their_wishes() {
        let holders = vec![
            "Manager, operator".to_owned(),
            " OPERATOR ,manager,".to_owned(),
            "barista".to_owned(),
            ", ,".to_owned(),
        ];
        let pool = pooled(&holders);
        assert_eq!(pool.holders_for("Production Manager (Operator line)"), 2);
        assert_eq!(pool.holders_for("Head Barista"), 1);
        assert_eq!(pool.holders_for("Plant Director"), 0);
        assert_eq!(pool_lists(holders.iter().map(|l| (l.clone(), 1))).len(), 2);
    }

    #[test]
    fn equal_wishes_in_another_order_or_case_pool_into_one_list() {
        assert_eq!(
            normalize_wishes(" Operator, manager ,operator,"),
            "manager,operator"
        );
        let pool = pool_lists([
            ("Operator, Manager".to_owned(), 3),
            ("manager,operator".to_owned(), 4),
        ]);
        assert_eq!(pool.get("manager,operator"), Some(&7));
    }

    proptest! {
        /// Counting from the pool gives what counting every holder gives, for any wishes and title.
        #[test]
        fn the_pool_counts_what_each_holder_would(
            holders in proptest::collection::vec("[a-cA-CİΣẞé ,]{0,12}", 0..40),
            title in "[a-cA-CİΣẞé ]{0,16}",
        ) {
            let pool = pooled(&holders);
            let expected = per_holder(&holders, &title);
            let lower = title.to_lowercase();
            prop_assert_eq!(pool.holders_for(&title), expected);
            prop_assert_eq!(pool.holders_for(&title), expected, "remembered");
            prop_assert_eq!(pool.by_wishes(&lower), expected);
            prop_assert_eq!(pool.by_substrings(&lower, &char_ends(&lower)), expected);
        }
    }
}
