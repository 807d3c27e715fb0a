Console.WriteLine("usage: ckm schedule solve FILE");
