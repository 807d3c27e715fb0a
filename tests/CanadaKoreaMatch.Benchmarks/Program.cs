using CanadaKoreaMatch.Benchmarks;

var suite = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
return suite switch
{
    "matching" => MatchingBenchmark.Run(rest),
    "matching-quality" => MatchingQualityBenchmark.Run(rest),
    "scheduling" => SchedulingBenchmark.Run(rest),
    "forum-pages" => ForumPagesBenchmark.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ./build.sh bench matching|matching-quality|scheduling|forum-pages [options]");
    return 2;
}
