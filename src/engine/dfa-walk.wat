;; The keyword automaton's walk (see aho-corasick.ts), in WebAssembly: the same dense table,
;; the same four interleaved stripes, about twice the speed of the JS loop (which pays for
;; typed-array bounds checks and tagging at every byte). Regenerate dfa-walk-wasm.ts with
;; `node scripts/build-wasm.mjs` after editing this file.
;;
;; Memory layout, set up by the caller:
;;   [0, 1024)        byte -> class * 4 (i32)
;;   [1024, ...)      transition table: state*width*4 + class*4 -> next state's offset
;;                    (i32), negated when the next state reports keywords
;;   input block and output pairs further on (addresses passed in)
;; Output: one (state offset, end offset from `base`) pair of i32 per reporting state.
(module
 (memory (export "memory") 1)
 (global $state (export "state") (mut i32) (i32.const 0))
 ;; One stretch [p, e) from state s; reports matches ending after `after`. Returns the new out pointer.
 (func $walk1 (export "walk1") (param $p i32) (param $e i32) (param $s i32) (param $after i32) (param $base i32) (param $out i32) (result i32)
   (block $done
     (br_if $done (i32.ge_u (local.get $p) (local.get $e)))
     (loop $l
       (local.set $s (i32.load offset=1024 (i32.add (local.get $s) (i32.load (i32.shl (i32.load8_u (local.get $p)) (i32.const 2))))))
       (local.set $p (i32.add (local.get $p) (i32.const 1)))
       (if (i32.lt_s (local.get $s) (i32.const 0)) (then
         (local.set $s (i32.sub (i32.const 0) (local.get $s)))
         (if (i32.gt_u (local.get $p) (local.get $after)) (then
           (i32.store (local.get $out) (local.get $s))
           (i32.store offset=4 (local.get $out) (i32.sub (local.get $p) (local.get $base)))
           (local.set $out (i32.add (local.get $out) (i32.const 8)))))))
       (br_if $l (i32.lt_u (local.get $p) (local.get $e)))))
   (global.set $state (local.get $s))
   (local.get $out))
 ;; [base, base+n) holds the bytes; the first `pre` are context only (the end of the previous
 ;; block). The rest is cut into four stripes walked in one loop; each starts `lead` bytes
 ;; before its share with a fresh state and reports only matches ending inside its share.
 ;; The caller ensures (n - pre) / 4 > lead.
 (func (export "striped") (param $base i32) (param $n i32) (param $pre i32) (param $lead i32) (param $out i32) (result i32)
   (local $q i32) (local $end i32)
   (local $s0 i32) (local $p0 i32) (local $b0 i32) (local $s1 i32) (local $p1 i32) (local $b1 i32)
   (local $s2 i32) (local $p2 i32) (local $b2 i32) (local $s3 i32) (local $p3 i32) (local $b3 i32) (local $b4 i32)
   (local.set $q (i32.div_u (i32.sub (local.get $n) (local.get $pre)) (i32.const 4)))
   (local.set $end (i32.add (local.get $base) (local.get $n)))
   (local.set $b0 (i32.add (local.get $base) (local.get $pre)))
   (local.set $b1 (i32.add (local.get $b0) (local.get $q)))
   (local.set $b2 (i32.add (local.get $b1) (local.get $q)))
   (local.set $b3 (i32.add (local.get $b2) (local.get $q)))
   (local.set $b4 (local.get $end))
   (local.set $p0 (local.get $base))
   (local.set $p1 (i32.sub (local.get $b1) (local.get $lead)))
   (local.set $p2 (i32.sub (local.get $b2) (local.get $lead)))
   (local.set $p3 (i32.sub (local.get $b3) (local.get $lead)))
   ;; Stripe 0 is the shortest (pre <= lead): all four advance together until it ends.
   (loop $l
     (local.set $s0 (i32.load offset=1024 (i32.add (local.get $s0) (i32.load (i32.shl (i32.load8_u (local.get $p0)) (i32.const 2))))))
     (local.set $p0 (i32.add (local.get $p0) (i32.const 1)))
     (local.set $s1 (i32.load offset=1024 (i32.add (local.get $s1) (i32.load (i32.shl (i32.load8_u (local.get $p1)) (i32.const 2))))))
     (local.set $p1 (i32.add (local.get $p1) (i32.const 1)))
     (local.set $s2 (i32.load offset=1024 (i32.add (local.get $s2) (i32.load (i32.shl (i32.load8_u (local.get $p2)) (i32.const 2))))))
     (local.set $p2 (i32.add (local.get $p2) (i32.const 1)))
     (local.set $s3 (i32.load offset=1024 (i32.add (local.get $s3) (i32.load (i32.shl (i32.load8_u (local.get $p3)) (i32.const 2))))))
     (local.set $p3 (i32.add (local.get $p3) (i32.const 1)))
     (if (i32.lt_s (i32.or (i32.or (i32.or (local.get $s0) (local.get $s1)) (local.get $s2)) (local.get $s3)) (i32.const 0)) (then
       (if (i32.lt_s (local.get $s0) (i32.const 0)) (then
         (local.set $s0 (i32.sub (i32.const 0) (local.get $s0)))
         (if (i32.gt_u (local.get $p0) (local.get $b0)) (then
           (i32.store (local.get $out) (local.get $s0))
           (i32.store offset=4 (local.get $out) (i32.sub (local.get $p0) (local.get $base)))
           (local.set $out (i32.add (local.get $out) (i32.const 8)))))))
       (if (i32.lt_s (local.get $s1) (i32.const 0)) (then
         (local.set $s1 (i32.sub (i32.const 0) (local.get $s1)))
         (if (i32.gt_u (local.get $p1) (local.get $b1)) (then
           (i32.store (local.get $out) (local.get $s1))
           (i32.store offset=4 (local.get $out) (i32.sub (local.get $p1) (local.get $base)))
           (local.set $out (i32.add (local.get $out) (i32.const 8)))))))
       (if (i32.lt_s (local.get $s2) (i32.const 0)) (then
         (local.set $s2 (i32.sub (i32.const 0) (local.get $s2)))
         (if (i32.gt_u (local.get $p2) (local.get $b2)) (then
           (i32.store (local.get $out) (local.get $s2))
           (i32.store offset=4 (local.get $out) (i32.sub (local.get $p2) (local.get $base)))
           (local.set $out (i32.add (local.get $out) (i32.const 8)))))))
       (if (i32.lt_s (local.get $s3) (i32.const 0)) (then
         (local.set $s3 (i32.sub (i32.const 0) (local.get $s3)))
         (if (i32.gt_u (local.get $p3) (local.get $b3)) (then
           (i32.store (local.get $out) (local.get $s3))
           (i32.store offset=4 (local.get $out) (i32.sub (local.get $p3) (local.get $base)))
           (local.set $out (i32.add (local.get $out) (i32.const 8)))))))))
     (br_if $l (i32.lt_u (local.get $p0) (local.get $b1))))
   ;; Stripes 1-3 have `lead - pre` bytes left of their share.
   (local.set $out (call $walk1 (local.get $p1) (local.get $b2) (local.get $s1) (local.get $b1) (local.get $base) (local.get $out)))
   (local.set $out (call $walk1 (local.get $p2) (local.get $b3) (local.get $s2) (local.get $b2) (local.get $base) (local.get $out)))
   (local.set $out (call $walk1 (local.get $p3) (local.get $b4) (local.get $s3) (local.get $b3) (local.get $base) (local.get $out)))
   (local.get $out))
)
