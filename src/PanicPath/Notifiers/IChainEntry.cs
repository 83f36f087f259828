namespace PanicPath.Notifiers;

/// <summary>What the priority order needs of a registration on any kind of chain.</summary>
internal interface IChainEntry
{
    int Priority { get; }

    string Name { get; }

    object HandlerIdentity { get; }
}
