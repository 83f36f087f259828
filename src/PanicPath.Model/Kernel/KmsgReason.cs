namespace PanicPath.Model.Kernel;

/// <summary>The kernel's <c>kmsg_dump_reason</c>, in its order: a dumper runs for reasons up to its max reason.</summary>
public enum KmsgReason
{
    Panic = 1,
    Oops = 2,
    Emerg = 3,
    Shutdown = 4,
}
