using System.Runtime;

namespace ChatBot.Cli;

/// <summary>
/// Multicore JIT for each verb: a run records which methods it compiled, and the next run of the same verb compiles
/// them on another core before they are needed. The executable compiles every method once, fully optimised
/// (ChatBot.csproj), so start-up is mostly compiling; this spreads it over the cores. Best effort: where the
/// program's folder cannot be written (a read-only image), nothing is recorded and nothing changes.
/// </summary>
public static class StartupProfile
{
    /// <summary>Starts recording (and replaying) the profile of <paramref name="verb"/>, the command line's verb.</summary>
    public static void Start(string verb)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(verb);
        ProfileOptimization.SetProfileRoot(AppContext.BaseDirectory);
        ProfileOptimization.StartProfile($"{verb}.jitprofile");
    }
}
