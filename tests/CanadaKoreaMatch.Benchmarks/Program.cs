using CanadaKoreaMatch.Benchmarks;

var suite = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
return suite switch
{
    "matching" => MatchingBenchmark.Run(rest),
    "scheduling" => SchedulingBenchmark.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ./build.sh bench matching|scheduling [options]");
    return 2;
}
