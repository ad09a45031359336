namespace ChatBot.Core;

/// <summary>Where a web source is fetched from, when it was last checked, and since when it has been gone (null: it is there).</summary>
public sealed record WebSourceStatus(string FetchUrl, DateTimeOffset CheckedAt, DateTimeOffset? GoneSince);
