namespace PanicPath.Notifiers;

/// <summary>
/// The order in which a robust call sends the "down" event to the handlers that had taken the "up"
/// event before one of them failed.
/// </summary>
public enum RollbackOrder
{
    /// <summary>Most recently called first: undo in the reverse of the order of doing.</summary>
    Reverse,

    /// <summary>
    /// Chain order, from the head: what the kernel's <c>notifier_call_chain_robust</c> does, since it
    /// re-walks its singly linked list with <c>nr_to_call = nr - 1</c>.
    /// </summary>
    ChainOrder,
}
