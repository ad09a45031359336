using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Interactions;

/// <summary>A reserved place in the <see cref="CommandGate"/>: started once, or disposed to give the place back.</summary>
internal sealed class CommandTicket(CommandGate gate) : IDisposable
{
    private CommandGate? owner = gate;

    public void Start(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var reserved = Interlocked.Exchange(ref owner, null) ?? throw new InvalidOperationException("A command ticket starts one piece of work, once.");
        reserved.Start(work, cancellationToken);
    }

    public void Dispose() => Interlocked.Exchange(ref owner, null)?.Release();
}
