using System.CommandLine;
using ChatBot.Bench;

var root = new RootCommand("ChatBot benchmarks: answer quality on SQuAD, and answer and quote verification speed on a generated corpus.");

var squadFile = new Argument<FileInfo>("squad-json") { Description = "SQuAD v1.1 JSON, e.g. ../shared/eval/squad-visible.json" };
var failures = new Option<int>("--show-failures") { Description = "Print this many questions whose top quote missed", DefaultValueFactory = _ => 0 };
var lexicalOnly = new Option<bool>("--no-semantic") { Description = "Rank by words alone (Answers:Semantic=false)" };
var spanDump = new Option<FileInfo?>("--dump-spans") { Description = "Write each typed question's top quote, marked answer and gold answers (JSON lines) to this file" };
var quality = new Command("quality", "hit@1/3/5 of the top quotes on SQuAD questions (passages embedded first)") { squadFile, failures, lexicalOnly, spanDump };
quality.SetAction((parse, ct) => Task.FromResult(QualityBench.Run(parse.GetValue(squadFile)!, parse.GetValue(failures), !parse.GetValue(lexicalOnly), parse.GetValue(spanDump), ct)));
root.Subcommands.Add(quality);

var semanticSquad = new Argument<FileInfo>("squad-json") { Description = "SQuAD v1.1 JSON, e.g. ../shared/eval/squad-visible.json" };
var sweep = new Option<int>("--sweep") { Description = "Also time the model's settings on this many passages", DefaultValueFactory = _ => 0 };
var candidateDump = new Option<FileInfo?>("--dump") { Description = "Write each question's first-stage candidates with their features (JSON lines) to this file" };
var semanticCommand = new Command("semantic", "The semantic mix's weight chosen on half of the SQuAD articles and tested on the other half, with its costs") { semanticSquad, sweep, candidateDump };
semanticCommand.SetAction((parse, ct) => Task.FromResult(SemanticBench.Run(parse.GetValue(semanticSquad)!, parse.GetValue(sweep), parse.GetValue(candidateDump), ct)));
root.Subcommands.Add(semanticCommand);

var spanDumpFile = new Argument<FileInfo>("spans-jsonl") { Description = "The top quotes written by quality --dump-spans" };
var spanWeightsOut = new Option<FileInfo?>("--out") { Description = "Write the fitted weights table (C#) to this file, e.g. src/ChatBot.Search/Ranking/AnswerSpanWeights.cs" };
var spanWeights = new Command("span-weights", "Fit the answer-span weights on half of the SQuAD articles, report the other half, and write the table fitted on all") { spanDumpFile, spanWeightsOut };
spanWeights.SetAction((parse, ct) => Task.FromResult(SpanWeightsBench.Run(parse.GetValue(spanDumpFile)!, parse.GetValue(spanWeightsOut))));
root.Subcommands.Add(spanWeights);

var confidenceSquad = new Argument<FileInfo>("squad-json") { Description = "SQuAD v1.1 JSON, e.g. ../shared/eval/squad-visible.json" };
var confidenceDump = new Option<FileInfo?>("--dump") { Description = "Write each question's evidence (TSV) to this file" };
var confidenceSeeds = new Option<FileInfo?>("--seed-questions") { Description = "An eval file about the bundled texts, e.g. ../shared/eval/seed-questions.tsv, checked line by line" };
var confidenceSeedSources = new Option<DirectoryInfo?>("--seed-sources") { Description = "The bundled texts the seed questions ask about, e.g. index/sources" };
var confidenceSemantic = new Option<bool>("--semantic") { Description = "Rank with meaning too (every passage embedded first), as the bot does on a corpus of this size" };
var confidence = new Command("confidence", "Derive the confidence threshold: answered questions against questions about articles not indexed") { confidenceSquad, confidenceDump, confidenceSeeds, confidenceSeedSources, confidenceSemantic };
confidence.SetAction((parse, ct) => Task.FromResult(ConfidenceBench.Run(parse.GetValue(confidenceSquad)!, parse.GetValue(confidenceDump), parse.GetValue(confidenceSeeds), parse.GetValue(confidenceSeedSources), parse.GetValue(confidenceSemantic), ct)));
root.Subcommands.Add(confidence);

var wordsSquad = new Argument<FileInfo>("squad-json") { Description = "SQuAD v1.1 JSON, e.g. ../shared/eval/squad-visible.json" };
var wordsMinimum = new Option<int>("--minimum") { Description = "Only words asked in at least this many questions", DefaultValueFactory = _ => 3 };
var wordsBelow = new Option<double>("--below") { Description = "Only words whose share is below this fraction of the overall share", DefaultValueFactory = _ => 0.7 };
var wordsOut = new Option<FileInfo?>("--out") { Description = "Write the table (word TAB weight) to this file" };
var wordsSeeds = new Option<FileInfo?>("--seed-questions") { Description = "An eval file about the bundled texts, e.g. ../shared/eval/seed-questions.tsv" };
var wordsSeedSources = new Option<DirectoryInfo?>("--seed-sources") { Description = "The bundled texts the seed questions ask about, e.g. index/sources" };
var wordsHalf = new Option<string?>("--half") { Description = "Fit on the even or the odd SQuAD articles only (to test on the others)" };
wordsHalf.AcceptOnlyFromAmong("even", "odd");
var words = new Command("question-words", "Derive the weights of words and two-word phrases that frame a question rather than name its content") { wordsSquad, wordsSeeds, wordsSeedSources, wordsMinimum, wordsBelow, wordsHalf, wordsOut };
words.SetAction((parse, ct) => Task.FromResult(QuestionWordsBench.Run(parse.GetValue(wordsSquad)!, parse.GetValue(wordsSeeds), parse.GetValue(wordsSeedSources), parse.GetValue(wordsMinimum), parse.GetValue(wordsBelow), parse.GetValue(wordsHalf), parse.GetValue(wordsOut))));
root.Subcommands.Add(words);

var explainSources = new Argument<DirectoryInfo>("sources-dir") { Description = "A sources folder, e.g. index/sources" };
var explainQuestion = new Argument<string>("question") { Description = "The question to explain" };
var explainDepth = new Option<int>("--depth") { Description = "Passages to show", DefaultValueFactory = _ => 5 };
var explain = new Command("explain", "Show the terms, weights and evidence that rank a question's passages") { explainSources, explainQuestion, explainDepth };
explain.SetAction((parse, ct) => Task.FromResult(ExplainBench.Run(parse.GetValue(explainSources)!, parse.GetValue(explainQuestion)!, parse.GetValue(explainDepth), ct)));
root.Subcommands.Add(explain);

var corpusDir = new Argument<DirectoryInfo>("corpus-dir") { Description = "A folder made by make-scale-corpus.py (sources/ and questions.txt)" };
var baseline = new Option<FileInfo?>("--baseline") { Description = "The Java Lucene baseline's run.sh, to run side by side (e.g. ../shared/eval/lucene-baseline/run.sh)" };
var speedTop = new Option<int>("--top") { Description = "Quotes per answer", DefaultValueFactory = _ => 5 };
var cycles = new Option<int>("--cycles") { Description = "Add/remove cycles of a 50-paragraph source for the memory check", DefaultValueFactory = _ => 1000 };
var speedRounds = new Option<int>("--rounds") { Description = "Rounds of both engines' runs, one after the other; the table gives the medians", DefaultValueFactory = _ => 3 };
var speed = new Command("speed", "Index build, answer latency and memory on a generated corpus, beside the Lucene baseline") { corpusDir, baseline, speedTop, cycles, speedRounds };
speed.SetAction((parse, ct) => Task.FromResult(SpeedBench.Run(parse.GetValue(corpusDir)!, parse.GetValue(baseline), parse.GetValue(speedTop), parse.GetValue(cycles), parse.GetValue(speedRounds), ct)));
root.Subcommands.Add(speed);

var verifyCorpus = new Argument<DirectoryInfo>("corpus-dir") { Description = "A folder made by make-scale-corpus.py (sources/)" };
var verify = new Command("verify", "Quote verification latency on a generated corpus, quotes taken from its passages, some altered") { verifyCorpus };
verify.SetAction((parse, ct) => Task.FromResult(VerifyBench.Run(parse.GetValue(verifyCorpus)!, ct)));
root.Subcommands.Add(verify);

var followChanges = new Option<int>("--changes") { Description = "Uploads to time (after 5 untimed ones)", DefaultValueFactory = _ => 50 };
var followPollOnly = new Option<bool>("--poll-only") { Description = "The follower ignores NOTIFY and only looks every second, as when notifications are lost" };
var follow = new Command("follow", "Follow latency on PostgreSQL (ConnectionStrings__Postgres): an upload through this process until another process's index answers it") { followChanges, followPollOnly };
follow.SetAction((parse, ct) => FollowBench.RunAsync(parse.GetValue(followChanges), parse.GetValue(followPollOnly), ct));
root.Subcommands.Add(follow);

var replicaLucene = new Argument<string>("lucene-path") { Description = "The follower's own search index" };
var replicaPollOnly = new Option<bool>("--poll-only");
var replica = new Command("follow-replica", "The other process of follow (started by it)") { replicaLucene, replicaPollOnly };
replica.Hidden = true;
replica.SetAction((parse, ct) => FollowBench.RunReplicaAsync(parse.GetValue(replicaLucene)!, parse.GetValue(replicaPollOnly), ct));
root.Subcommands.Add(replica);

var result = root.Parse(args);
if (result.Errors.Count > 0)
{
    Console.Error.WriteLine($"bench: {result.Errors[0].Message}");
    return 2;
}

return await result.InvokeAsync();
