namespace ChatBot.Core;

/// <summary>Sources read from web addresses: adding one by its address, and fetching one again now.</summary>
public interface IWebSourceCurator
{
    ValueTask<UploadOutcome> AddUrlSourceAsync(UrlSourceRequest request, CancellationToken cancellationToken);

    ValueTask<RefreshOutcome> RefreshSourceAsync(ulong guildId, string sourceId, Actor actor, CancellationToken cancellationToken);
}
