namespace ChatBot.Search.Store;

/// <summary>No signal from the database (SQLite): the follower looks at the change log every <see cref="PollInterval"/>.</summary>
public sealed class PollingChangeNotifications(TimeSpan pollInterval, TimeProvider time) : IChangeNotifications
{
    public TimeSpan PollInterval { get; } = pollInterval;

    public Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(PollInterval, time, cancellationToken);
}
