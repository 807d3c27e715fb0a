using CanadaKoreaMatch.Cli;

return SolveCommand.Run(args, Console.Out, Console.Error);
