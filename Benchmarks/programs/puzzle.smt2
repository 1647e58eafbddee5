; A bit-vector problem for the real-program benchmark (Benchmarks/programs.py): boolector factors
; a 30-bit number (the product of the primes 32749 and 32719) by bit-blasting a multiplier.
(set-logic QF_BV)
(declare-fun x () (_ BitVec 32))
(declare-fun y () (_ BitVec 32))
(assert (= (bvmul ((_ zero_extend 32) x) ((_ zero_extend 32) y)) ((_ zero_extend 32) (_ bv1071514531 32))))
(assert (bvugt x (_ bv1 32)))
(assert (bvugt y (_ bv1 32)))
(assert (bvule x y))
(check-sat)
(get-model)
