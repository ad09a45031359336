namespace ChatBot.Discord.Gateway;

/// <summary>What a RESUME needs (https://discord.com/developers/docs/events/gateway#resuming): the session id and resume URL from READY, and the last sequence.</summary>
internal sealed record GatewaySession(string SessionId, string ResumeUrl, int? Sequence)
{
    /// <summary>A session id and a token resume a session; neither is ever printed.</summary>
    public override string ToString() => $"session at sequence {Sequence}";
}

/// <summary>How a connection ended: its outcome, the session to resume (with the latest sequence), and what it achieved.</summary>
internal sealed record ConnectionResult(ConnectionOutcome Outcome, GatewaySession? Session, bool ReachedReady, bool Identified);
