// The README's first example: a recursive Fibonacci, exported as `fib`. Build: bash build.sh
__attribute__((export_name("fib"))) int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
