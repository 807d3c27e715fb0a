Console.WriteLine("usage: benchmarks matching|scheduling");
