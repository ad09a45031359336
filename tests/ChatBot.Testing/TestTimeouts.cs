namespace ChatBot.Testing;

/// <summary>Generous timeouts for awaiting events: tests wait for conditions, never sleep for them.</summary>
public static class TestTimeouts
{
    public static TimeSpan Default { get; } = TimeSpan.FromSeconds(10);
}
