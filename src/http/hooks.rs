//! Hook lists: run in registration order, removed by identity.
//!
//! A hook may re-enter the session (register, unregister, even unhook
//! itself), so lists are read one entry at a time and no borrow is held
//! while a hook runs.

use std::cell::RefCell;
use std::rc::Rc;

/// Identifies a registration for removal: neon matches the function and
/// userdata pointers; Rust add-ons use any unique pair.
pub type HookKey = (usize, usize);

pub struct HookList<F: ?Sized> {
    items: RefCell<Vec<(HookKey, Rc<F>)>>,
}

impl<F: ?Sized> Default for HookList<F> {
    fn default() -> Self {
        HookList {
            items: RefCell::new(Vec::new()),
        }
    }
}

impl<F: ?Sized> HookList<F> {
    pub fn add(&self, key: HookKey, hook: Rc<F>) {
        self.items.borrow_mut().push((key, hook));
    }

    /// Removes the first registration with this key.
    pub fn remove(&self, key: HookKey) {
        let mut items = self.items.borrow_mut();
        if let Some(i) = items.iter().position(|(k, _)| *k == key) {
            items.remove(i);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.borrow().is_empty()
    }

    fn get(&self, i: usize) -> Option<Rc<F>> {
        self.items.borrow().get(i).map(|(_, h)| h.clone())
    }

    /// Calls `call` on each hook in order while it returns true. A hook that
    /// removes itself does not make the next one be skipped.
    pub fn run_while(&self, mut call: impl FnMut(&F) -> bool) {
        let mut i = 0;
        while let Some(h) = self.get(i) {
            let go_on = call(&h);
            let still_here = self
                .items
                .borrow()
                .get(i)
                .is_some_and(|(_, x)| Rc::ptr_eq(x, &h));
            if still_here {
                i += 1;
            }
            if !go_on {
                break;
            }
        }
    }

    /// Calls every hook in order.
    pub fn run(&self, mut call: impl FnMut(&F)) {
        self.run_while(|h| {
            call(h);
            true
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    type Probe = dyn Fn(&Cell<u32>);

    #[test]
    fn order_removal_and_self_removal() {
        let list: Rc<HookList<Probe>> = Rc::new(HookList::default());
        let seen = Rc::new(RefCell::new(Vec::new()));
        for n in 1..=3u32 {
            let s = seen.clone();
            let l = Rc::downgrade(&list);
            list.add(
                (n as usize, 0),
                Rc::new(move |_c: &Cell<u32>| {
                    s.borrow_mut().push(n);
                    if n == 1 {
                        l.upgrade().unwrap().remove((1, 0));
                    }
                }),
            );
        }
        let c = Cell::new(0);
        list.run(|h| h(&c));
        assert_eq!(*seen.borrow(), vec![1, 2, 3]);
        list.run(|h| h(&c));
        assert_eq!(*seen.borrow(), vec![1, 2, 3, 2, 3]);
    }
}
