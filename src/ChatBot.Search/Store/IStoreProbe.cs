namespace ChatBot.Search.Store;

/// <summary>Looks at the store from outside, without creating or migrating it: for the <c>health</c> verb.</summary>
public interface IStoreProbe
{
    /// <summary>Null when the store can be read and holds sources; else why not, in one line.</summary>
    string? Problem();
}
