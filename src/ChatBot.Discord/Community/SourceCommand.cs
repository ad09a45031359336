using System.Globalization;
using ChatBot.Core;
using ChatBot.Discord.Foundation;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Community;

/// <summary>
/// <c>/source add|refresh|remove|list|show|history</c>: moderators curate their server's sources without shell access.
/// Manage Server only: Discord hides the command from others (default_member_permissions) and the router
/// checks <c>member.permissions</c> again, since server admins can change who sees a command.
/// </summary>
internal sealed class SourceCommand(ICorpusCurator curator, IWebSourceCurator web, AttachmentDownloader downloader, DiscordMetrics metrics) : IAutocompleteCommand
{
    public const int HistoryLength = 20;

    /// <summary>Discord's limit on an autocomplete choice's name.</summary>
    public const int MaxChoiceName = 100;

    public static SlashCommandSpec Spec { get; } = new(
        "source",
        "Manage this server's sources (Manage Server)",
        [
            new("add", "Add a source from a file (.md, .txt, .html, .pdf) or a web page's address", ApplicationCommandOptionType.SubCommand)
            {
                Options =
                [
                    new("file", "The source file (Markdown, text or HTML up to 2 MB; PDF up to 10 MB)", ApplicationCommandOptionType.Attachment),
                    new("url", "Without a file: the web page (or PDF) to add and keep fresh. With one: where it comes from") { MaxLength = 512 },
                    new("title", "Its title (else the file's or page's own title)") { MaxLength = 200 },
                    new("author", "Its author") { MaxLength = 200 },
                    new("kind", "Primary (from the time), secondary (a historian's study) or tertiary (an encyclopedia)")
                    {
                        Choices = [.. SourceKinds.All.Select(k => new ApplicationCommandChoice(SourceKinds.Name(k), SourceKinds.Name(k)))],
                    },
                    new("published", "When it was published: a year or a date, e.g. 1998 or 1998-03-15") { MaxLength = 40 },
                ],
            },
            new("refresh", "Fetch a web source again now", ApplicationCommandOptionType.SubCommand)
            {
                Options = [new("source", "The web source to refresh", Required: true) { Autocomplete = true, MaxLength = 100 }],
            },
            new("remove", "Remove one of this server's sources", ApplicationCommandOptionType.SubCommand)
            {
                Options = [new("source", "The source to remove", Required: true) { Autocomplete = true, MaxLength = 100 }],
            },
            new("list", "List this server's sources", ApplicationCommandOptionType.SubCommand),
            new("show", "Show a source: what it is, how many passages, its first passage", ApplicationCommandOptionType.SubCommand)
            {
                Options = [new("source", "The source to show", Required: true) { Autocomplete = true, MaxLength = 100 }],
            },
            new("history", "Who added or removed which source, and when", ApplicationCommandOptionType.SubCommand),
        ])
    {
        RequiredPermissions = DiscordPermissions.ManageGuild,
        Contexts = [InteractionContextType.Guild],
        Ephemeral = static _ => true,
    };

    public async ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.GuildId is not { } guild)
        {
            return Reply.Note("Sources are managed in a server, not in direct messages.");
        }

        return call.Subcommand switch
        {
            "add" => call.Attachment("file") is null && Blank(call.OptionalString("url")) is { } address
                ? await AddUrlAsync(call, guild, address, cancellationToken)
                : await AddAsync(call, guild, cancellationToken),
            "refresh" => await RefreshAsync(call, guild, cancellationToken),
            "remove" => await RemoveAsync(call, guild, cancellationToken),
            "list" => CommunityCards.SourcePage(
                await curator.ListSourcesAsync(guild, 0, CommunityCards.PageSize, cancellationToken), await curator.UsageAsync(guild, cancellationToken)),
            "show" => await curator.GetSourceAsync(guild, call.String("source"), cancellationToken) is { } details
                ? CommunityCards.Source(details)
                : Reply.Note(NotFound(call.String("source"))),
            "history" => CommunityCards.History(await curator.HistoryAsync(guild, HistoryLength, cancellationToken)),
            _ => Reply.Note("Use /source add, refresh, remove, list, show or history."),
        };
    }

    public async ValueTask<IReadOnlyList<AutocompleteChoice>> AutocompleteAsync(InteractionContext call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.GuildId is not { } guild || call.Focused?.Name != "source")
        {
            return [];
        }

        var sources = await curator.FindSourcesAsync(guild, call.FocusedValue ?? "", 25, cancellationToken);
        return [.. sources.Select(s => new AutocompleteChoice(Choice(s), s.SourceId))];
    }

    /// <summary>Who the audit log names: the member's display name, else the user name.</summary>
    public static Actor ActorOf(InteractionContext call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var user = call.User;
        return new Actor(user?.Id ?? 0, user?.GlobalName ?? user?.Username ?? "unknown");
    }

    private async Task<Reply> AddAsync(InteractionContext call, ulong guild, CancellationToken cancellationToken)
    {
        if (call.Attachment("file") is not { } attachment)
        {
            return Reply.Note("Attach the source file (.md, .txt, .html or .pdf) to /source add, or give a web page's url.");
        }

        var limit = downloader.LimitFor(attachment.Filename);
        if (attachment.Size > limit)
        {
            metrics.Upload(accepted: false, "too_large");
            return Reply.Note($"Not added: \"{attachment.Filename}\" is {AttachmentDownloader.Megabytes(attachment.Size)}; the limit is {AttachmentDownloader.Megabytes(limit)}.");
        }

        var download = await downloader.DownloadAsync(attachment, cancellationToken);
        if (download is DownloadOutcome.Failed failed)
        {
            metrics.Upload(accepted: false, "download_failed");
            return Reply.Note($"Not added: {failed.Reason}.");
        }

        var content = ((DownloadOutcome.Downloaded)download).Content;
        var upload = new SourceUpload(guild, attachment.Filename, content, ActorOf(call), Blank(call.OptionalString("title")), Blank(call.OptionalString("author")), Blank(call.OptionalString("url")))
        {
            Kind = SourceKinds.TryParse(call.OptionalString("kind"), out var kind) ? kind : null,
            Published = Blank(call.OptionalString("published")),
        };
        var outcome = await curator.AddSourceAsync(upload, cancellationToken);
        metrics.Upload(outcome is UploadOutcome.Added, outcome is UploadOutcome.Added ? "added" : "rejected");
        return outcome switch
        {
            UploadOutcome.Added added => Reply.Note(
                $"Added \"{TextBudget.ForDisplay(added.Source.Title)}\": {Passages(added.Source.PassageCount)}, id `{added.Source.SourceId}`. Questions asked in this server now search it."),
            UploadOutcome.Refused refused => Reply.Note($"Not added: {refused.Reason}."),
            _ => throw new InvalidOperationException("An upload is either added or refused."),
        };
    }

    private async Task<Reply> AddUrlAsync(InteractionContext call, ulong guild, string url, CancellationToken cancellationToken)
    {
        var request = new UrlSourceRequest(guild, url, ActorOf(call), Blank(call.OptionalString("title")), Blank(call.OptionalString("author")))
        {
            Kind = SourceKinds.TryParse(call.OptionalString("kind"), out var kind) ? kind : null,
            Published = Blank(call.OptionalString("published")),
        };
        return await web.AddUrlSourceAsync(request, cancellationToken) switch
        {
            UploadOutcome.Added added => Reply.Note(
                $"Added \"{TextBudget.ForDisplay(added.Source.Title)}\": {Passages(added.Source.PassageCount)}, id `{added.Source.SourceId}`. Questions asked in this server now search it, and it is fetched again to stay fresh."),
            UploadOutcome.Refused refused => Reply.Note($"Not added: {TextBudget.ForDisplay(refused.Reason)}."),
            _ => throw new InvalidOperationException("An upload is either added or refused."),
        };
    }

    private async Task<Reply> RefreshAsync(InteractionContext call, ulong guild, CancellationToken cancellationToken)
    {
        var id = call.String("source");
        return await web.RefreshSourceAsync(guild, id, ActorOf(call), cancellationToken) switch
        {
            RefreshOutcome.Updated updated => Reply.Note($"Updated \"{TextBudget.ForDisplay(updated.Source.Title)}\": the page changed; it now has {Passages(updated.Source.PassageCount)}."),
            RefreshOutcome.Unchanged same => Reply.Note($"\"{TextBudget.ForDisplay(same.Source.Title)}\" has not changed."),
            RefreshOutcome.Gone gone => Reply.Note(
                $"\"{TextBudget.ForDisplay(gone.Source.Title)}\" is gone (the server answered {gone.Status.ToString(CultureInfo.InvariantCulture)}); its last text is kept and /source show flags it."),
            RefreshOutcome.Failed failed => Reply.Note($"Not refreshed: {TextBudget.ForDisplay(failed.Reason)}. The last text is kept."),
            _ => Reply.Note($"This server has no web source with the id \"{TextCut.Truncate(TextBudget.ForDisplay(id), 100)}\". /source list shows them."),
        };
    }

    private async Task<Reply> RemoveAsync(InteractionContext call, ulong guild, CancellationToken cancellationToken)
    {
        var id = call.String("source");
        return await curator.RemoveSourceAsync(guild, id, ActorOf(call), cancellationToken) is { } removed
            ? Reply.Note($"Removed \"{removed.Title}\" ({Passages(removed.PassageCount)}).")
            : Reply.Note(NotFound(id));
    }

    private static string NotFound(string id)
        => $"This server has no source with the id \"{TextCut.Truncate(TextBudget.ForDisplay(id), 100)}\". /source list shows them.";

    private static string Passages(int count)
        => string.Create(CultureInfo.InvariantCulture, $"{count:N0} passage{(count == 1 ? "" : "s")}");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>"Title (id)", within the 100 characters of a choice's name, never cutting through an emoji or an accented letter.</summary>
    public static string Choice(SourceSummary source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var id = $" ({TextBudget.Scrub(source.SourceId)})";
        var room = Math.Max(10, MaxChoiceName - id.Length);
        var title = TextCut.Truncate(DiscordMarkdown.OneLine(TextBudget.ForDisplay(source.Title)).Trim(), room);
        return TextCut.Truncate(title + id, MaxChoiceName);
    }
}
