using System.Collections.Concurrent;
using System.Globalization;

namespace ChatBot.Search.Semantic;

/// <summary>
/// The passage embeddings, derived from the store like the search index: one <see cref="PassageVectors"/> file
/// per scope under one folder (<c>global.vectors</c> for the bundled corpus, <c>guild-&lt;id&gt;.vectors</c> per
/// server), and the embedding model, loaded once when first needed.
/// </summary>
public sealed class SemanticIndex : IDisposable
{
    private readonly string root;
    private readonly string storeId;
    private readonly EmbeddingSettings settings;
    private readonly ConcurrentDictionary<ulong, Lazy<PassageVectors>> scopes = new();
    private readonly Lock modelLock = new();
    private readonly bool ownsModel;
    private volatile EmbeddingModel? model;
    private bool disposed;

    /// <param name="sharedModel">A model loaded already and owned by the caller (tests share one), instead of loading one here.</param>
    public SemanticIndex(string root, string storeId, SemanticOptions options, EmbeddingSettings? settings = null, EmbeddingModel? sharedModel = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentException.ThrowIfNullOrWhiteSpace(storeId);
        ArgumentNullException.ThrowIfNull(options);
        this.root = Path.GetFullPath(root);
        this.storeId = storeId;
        this.settings = settings ?? new EmbeddingSettings();
        Options = options;
        model = sharedModel;
        ownsModel = sharedModel is null;
    }

    public SemanticOptions Options { get; }

    public string Root => root;

    /// <summary>The model when it has been loaded; answers never wait for it to load.</summary>
    public EmbeddingModel? LoadedModel => model;

    /// <summary>The model, loaded now if it is not yet (a second or two, and about 350 MB).</summary>
    public EmbeddingModel Model()
    {
        if (model is { } loaded)
        {
            return loaded;
        }

        lock (modelLock)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return model ??= new EmbeddingModel(settings);
        }
    }

    /// <summary>A scope's vectors (0: the bundled corpus), opened on first use.</summary>
    public PassageVectors Scope(ulong guildId)
        => scopes.GetOrAdd(guildId, g => new Lazy<PassageVectors>(() => PassageVectors.Open(FilePath(g), storeId))).Value;

    /// <summary>The vector of a passage of the scope <paramref name="guildId"/>, when it has one.</summary>
    public float[]? Vector(ulong guildId, long rowId)
        => Existing(guildId) is { } vectors && vectors.TryGet(rowId, out var vector) ? vector.Vector : null;

    /// <summary>A scope's vectors when it has any on disk or open (without creating a file for a scope that has none).</summary>
    private PassageVectors? Existing(ulong guildId)
    {
        if (!scopes.TryGetValue(guildId, out var lazy) && !File.Exists(FilePath(guildId)))
        {
            return null;
        }

        lazy ??= scopes.GetOrAdd(guildId, g => new Lazy<PassageVectors>(() => PassageVectors.Open(FilePath(g), storeId)));
        return lazy.Value;
    }

    /// <summary>
    /// The <paramref name="count"/> passages of the scopes <paramref name="guildIds"/> (0: the bundled corpus) whose
    /// vectors are nearest <paramref name="query"/>, best first, leaving out <paramref name="except"/>; none when the
    /// scopes hold more than <paramref name="scanLimit"/> vectors in all (a pass over them would cost an answer more
    /// than it could give).
    /// </summary>
    public List<(ulong GuildId, long RowId, double Similarity)> Nearest(
        IReadOnlyList<ulong> guildIds, ReadOnlySpan<float> query, int count, IReadOnlySet<long> except, int scanLimit)
    {
        ArgumentNullException.ThrowIfNull(guildIds);
        var scopesWithVectors = new List<(ulong GuildId, PassageVectors Vectors)>();
        foreach (var guildId in guildIds)
        {
            if (Existing(guildId) is { } vectors)
            {
                scopesWithVectors.Add((guildId, vectors));
            }
        }

        if (scopesWithVectors.Sum(s => s.Vectors.Count) > scanLimit)
        {
            return [];
        }

        var nearest = new List<(ulong GuildId, long RowId, double Similarity)>();
        foreach (var (guildId, vectors) in scopesWithVectors)
        {
            nearest.AddRange(vectors.Nearest(query, count, except).Select(n => (guildId, n.RowId, n.Similarity)));
        }

        return [.. nearest.OrderByDescending(n => n.Similarity).ThenBy(n => n.RowId).Take(count)];
    }

    public string FilePath(ulong guildId)
        => Path.Combine(root, guildId == 0 ? "global.vectors" : string.Create(CultureInfo.InvariantCulture, $"guild-{guildId}.vectors"));

    public void Dispose()
    {
        lock (modelLock)
        {
            disposed = true;
            if (ownsModel)
            {
                model?.Dispose();
            }

            model = null;
        }

        foreach (var scope in scopes.Values.Where(s => s.IsValueCreated))
        {
            scope.Value.Dispose();
        }
    }
}
