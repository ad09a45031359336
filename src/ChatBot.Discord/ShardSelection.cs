using System.Globalization;

using ChatBot.Discord.Wire;

namespace ChatBot.Discord;

/// <summary>
/// Which shards this process runs (<c>Discord:ShardIds</c>): all of them (empty or <c>all</c>), or ids and ranges such
/// as <c>0-3</c>, <c>4,5,6</c> or <c>0-1,8</c>. Parsed once at start; a malformed value is a configuration error.
/// </summary>
internal sealed class ShardSelection
{
    /// <summary>More shards than this is not a bot anyone runs; the cap keeps a typo like <c>0-99999999</c> from allocating.</summary>
    public const int MaxShardId = 65_535;

    private readonly int[]? ids;

    private ShardSelection(int[]? ids) => this.ids = ids;

    public static ShardSelection All { get; } = new(null);

    /// <summary>True when the process runs every shard, whatever the count turns out to be.</summary>
    public bool IsAll => ids is null;

    /// <summary>The ids named, ascending and distinct; empty for <see cref="All"/>.</summary>
    public IReadOnlyList<int> Ids => ids ?? [];

    /// <summary>The shards to run out of <paramref name="count"/>: every one for <see cref="All"/>, else the ids named.</summary>
    public IReadOnlyList<int> Resolve(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return ids ?? [.. Enumerable.Range(0, count)];
    }

    /// <summary>Parses the setting; on failure <paramref name="problem"/> says what is wrong in words an operator can act on.</summary>
    public static bool TryParse(string? text, out ShardSelection selection, out string? problem)
    {
        selection = All;
        problem = null;
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), "all", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var chosen = new SortedSet<int>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (raw.Length == 0)
            {
                problem = $"\"{text}\" has an empty item; write ids and ranges such as 0-3 or 0,2,5";
                return false;
            }

            var dash = raw.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                if (!TryId(raw, out var id, out problem))
                {
                    return false;
                }

                chosen.Add(id);
                continue;
            }

            if (!TryId(raw[..dash].Trim(), out var first, out problem) || !TryId(raw[(dash + 1)..].Trim(), out var last, out problem))
            {
                return false;
            }

            if (last < first)
            {
                problem = $"the range {raw} runs backwards; write it as {last}-{first}";
                return false;
            }

            for (var id = first; id <= last; id++)
            {
                chosen.Add(id);
            }
        }

        selection = new ShardSelection([.. chosen]);
        return true;
    }

    /// <summary>"all", or the ids written compactly as ranges ("0-3,8").</summary>
    public override string ToString()
    {
        if (ids is null)
        {
            return "all";
        }

        var parts = new List<string>();
        for (var i = 0; i < ids.Length;)
        {
            var j = i;
            while (j + 1 < ids.Length && ids[j + 1] == ids[j] + 1)
            {
                j++;
            }

            parts.Add(j == i ? ids[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{ids[i]}-{ids[j]}"));
            i = j + 1;
        }

        return string.Join(',', parts);
    }

    private static bool TryId(string text, out int id, out string? problem)
    {
        problem = null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id <= MaxShardId)
        {
            return true;
        }

        problem = $"\"{text}\" is not a shard id (a whole number from 0 to {MaxShardId})";
        return false;
    }
}
