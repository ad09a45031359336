namespace ChatBot.Search.Indexing;

/// <summary>
/// One writer of the corpus at a time in this process: the folder sync, uploads and removals, and catching the
/// search index up. Each commits to the store and then to the search index under the gate, so the index's
/// commits follow the store's change log in order.
/// </summary>
public sealed class IndexWriteGate : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(gate);
    }

    public IDisposable Enter(CancellationToken cancellationToken)
    {
        gate.Wait(cancellationToken);
        return new Releaser(gate);
    }

    public void Dispose() => gate.Dispose();

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
