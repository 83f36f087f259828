namespace PanicPath.Model.Scenarios.Expressions;

/// <summary>
/// A compiled condition or value of a scenario: a small tree evaluated against an
/// <see cref="IValueContext"/>. Booleans are 0 and 1; symbols are their codes in the scenario's
/// <see cref="SymbolTable"/>. Evaluation allocates nothing.
/// </summary>
public abstract class Expr
{
    /// <summary>The type of the value the expression yields.</summary>
    public abstract ValueKind Kind { get; }

    /// <summary>
    /// The height of the tree: 1 for a leaf, one more than the highest operand otherwise. Evaluation
    /// recurses this deep; the parser refuses trees higher than <see cref="ExpressionParser.MaxNesting"/>.
    /// </summary>
    public virtual int Height => 1;

    /// <summary>Evaluates the expression.</summary>
    public abstract int Eval(IValueContext context);

    /// <summary>Evaluates the expression as a condition.</summary>
    public bool IsTrue(IValueContext context) => Eval(context) != 0;

    internal sealed class Constant(int value, ValueKind kind) : Expr
    {
        public int Value { get; } = value;

        public override ValueKind Kind { get; } = kind;

        public override int Eval(IValueContext context) => Value;
    }

    internal sealed class Read(int slot, ValueKind kind) : Expr
    {
        public override ValueKind Kind { get; } = kind;

        public override int Eval(IValueContext context) => context.Value(slot);
    }

    internal sealed class Held(int lockIndex) : Expr
    {
        public override ValueKind Kind => ValueKind.Bool;

        public override int Eval(IValueContext context) => context.IsHeld(lockIndex) ? 1 : 0;
    }

    /// <summary>A per-CPU state: the running CPU's copy (<paramref name="index"/> null), or <c>name[index]</c>.</summary>
    internal sealed class PerCpuRead(int slot, ValueKind kind, Expr? index) : Expr
    {
        public override ValueKind Kind { get; } = kind;

        public override int Height { get; } = index is null ? 1 : index.Height + 1;

        /// <summary>The slot of the first copy.</summary>
        internal int Slot => slot;

        /// <summary>The CPU read, or null for the running CPU's copy.</summary>
        internal Expr? Index => index;

        /// <summary>The same state read at <paramref name="at"/>: <c>name[at]</c>.</summary>
        internal PerCpuRead At(Expr at) => new(slot, Kind, at);

        public override int Eval(IValueContext context) =>
            context.PerCpuValue(slot, index is null ? context.Value(Kernel.KernelSlots.ThisCpu) : index.Eval(context));
    }

    /// <summary><c>cpu_online(n)</c>, <c>cpu_present(n)</c>: CPU n is in the mask.</summary>
    internal sealed class InMask(Kernel.CpuMask mask, Expr cpu) : Expr
    {
        public override ValueKind Kind => ValueKind.Bool;

        public override int Height { get; } = cpu.Height + 1;

        public override int Eval(IValueContext context) => context.InMask(mask, cpu.Eval(context)) ? 1 : 0;
    }

    /// <summary><c>num_online_cpus()</c>, <c>num_present_cpus()</c>: how many CPUs the mask holds.</summary>
    internal sealed class MaskWeight(Kernel.CpuMask mask) : Expr
    {
        public override ValueKind Kind => ValueKind.Int;

        public override int Eval(IValueContext context) => context.MaskWeight(mask);
    }

    internal sealed class Not(Expr operand) : Expr
    {
        public override ValueKind Kind => ValueKind.Bool;

        public override int Height { get; } = operand.Height + 1;

        public override int Eval(IValueContext context) => operand.Eval(context) == 0 ? 1 : 0;
    }

    internal sealed class Negate(Expr operand) : Expr
    {
        public override ValueKind Kind => ValueKind.Int;

        public override int Height { get; } = operand.Height + 1;

        public override int Eval(IValueContext context) => unchecked(-operand.Eval(context));
    }

    internal sealed class Binary(string op, Expr left, Expr right, ValueKind kind) : Expr
    {
        public override ValueKind Kind { get; } = kind;

        public override int Height { get; } = Math.Max(left.Height, right.Height) + 1;

        internal bool IsFoldable => left is Constant && right is Constant;

        public override int Eval(IValueContext context)
        {
            switch (op)
            {
                case "&&": return left.Eval(context) != 0 && right.Eval(context) != 0 ? 1 : 0;
                case "||": return left.Eval(context) != 0 || right.Eval(context) != 0 ? 1 : 0;
                case "->": return left.Eval(context) == 0 || right.Eval(context) != 0 ? 1 : 0;
            }

            var a = left.Eval(context);
            var b = right.Eval(context);
            return op switch
            {
                "==" => a == b ? 1 : 0,
                "!=" => a != b ? 1 : 0,
                "<" => a < b ? 1 : 0,
                "<=" => a <= b ? 1 : 0,
                ">" => a > b ? 1 : 0,
                ">=" => a >= b ? 1 : 0,
                "+" => unchecked(a + b),
                _ => unchecked(a - b),
            };
        }
    }
}
