namespace ChatBot.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test calls <see cref="Advance"/>; timers (and so
/// <c>Task.Delay(…, provider)</c>) fire as the clock passes their due time. For unit tests of waits and limits
/// that would otherwise need real sleeps.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock sync = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now;
    private long ticks;

    public ManualTimeProvider(DateTimeOffset? start = null) => now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Timers not yet fired or disposed, e.g. to know that code under test is waiting.</summary>
    public int PendingTimers
    {
        get
        {
            lock (sync)
            {
                return timers.Count(t => t.DueAt is not null);
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (sync)
        {
            return now;
        }
    }

    public override long GetTimestamp()
    {
        lock (sync)
        {
            return ticks;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way, in order.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        long target;
        lock (sync)
        {
            target = ticks + by.Ticks;
        }

        while (true)
        {
            ManualTimer? due;
            lock (sync)
            {
                due = timers.Where(t => t.DueAt is { } at && at <= target).OrderBy(t => t.DueAt).FirstOrDefault();
                var moveTo = due?.DueAt ?? target;
                now += TimeSpan.FromTicks(moveTo - ticks);
                ticks = moveTo;
                if (due is null)
                {
                    return;
                }

                due.DueAt = due.Period is { } period && period > TimeSpan.Zero ? ticks + period.Ticks : null;
            }

            due.Fire();
        }
    }

    /// <summary>Waits (in real time, bounded) until some code has started waiting on this clock.</summary>
    public async Task WaitForTimersAsync(int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TestTimeouts.Default);
        while (PendingTimers < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} pending timers; there are {PendingTimers}.");
            }

            await Task.Yield();
            await Task.Delay(1, CancellationToken.None);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public long? DueAt { get; set; }

        public TimeSpan? Period { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner.sync)
            {
                owner.timers.Remove(this);
                Period = period == Timeout.InfiniteTimeSpan ? null : period;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    DueAt = null;
                    return true;
                }

                DueAt = owner.ticks + Math.Max(0, dueTime.Ticks);
                owner.timers.Add(this);
                return true;
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner.sync)
            {
                DueAt = null;
                owner.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
