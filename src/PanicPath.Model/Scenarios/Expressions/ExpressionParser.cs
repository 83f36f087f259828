using System.Globalization;

namespace PanicPath.Model.Scenarios.Expressions;

/// <summary>
/// Parses the expressions written inside scenario scalars: conditions (<c>!kexec_crash_loaded &amp;&amp;
/// arch == x86_64</c>, <c>held(ring_lock)</c>) and integers (<c>INT_MIN + 10</c>). Operators, loosest
/// first: <c>-&gt;</c> (implies), <c>||</c>, <c>&amp;&amp;</c>, <c>!</c>, comparisons
/// (<c>== != &lt; &lt;= &gt; &gt;=</c>), <c>+ -</c>. Every error names the column inside the file where
/// the offending token starts. Nesting (parentheses, <c>!</c>, unary <c>-</c>, chained operators) is
/// bounded by <see cref="MaxNesting"/>, checked before each descent, so no input can exhaust the stack
/// here or when the compiled expression is evaluated.
/// </summary>
public sealed class ExpressionParser
{
    /// <summary>
    /// The deepest an expression may nest: open parentheses, <c>!</c> and unary <c>-</c> at once while
    /// parsing, and the height of the compiled tree (so <c>a &amp;&amp; b &amp;&amp; …</c> counts one per operator).
    /// </summary>
    public const int MaxNesting = 64;

    private readonly string text;
    private readonly SourceLocation start;
    private readonly INameResolver names;
    private int position;
    private int depth;

    private ExpressionParser(string text, SourceLocation start, INameResolver names)
    {
        this.text = text;
        this.start = start;
        this.names = names;
    }

    /// <summary>Parses a condition: the expression must be boolean.</summary>
    public static Expr ParseCondition(string text, SourceLocation start, INameResolver names)
    {
        var parser = new ExpressionParser(text, start, names);
        var expr = parser.ParseWhole();
        if (expr.Kind != ValueKind.Bool)
        {
            throw new ScenarioException(start.Shift(parser.FirstNonBlank()), "a condition (true or false), not a " + Describe(expr.Kind));
        }

        return expr;
    }

    /// <summary>Parses a value of any type.</summary>
    public static Expr ParseValue(string text, SourceLocation start, INameResolver names) =>
        new ExpressionParser(text, start, names).ParseWhole();

    /// <summary>Parses a constant integer such as <c>INT_MIN + 10</c>.</summary>
    public static int ParseConstantInt(string text, SourceLocation start, INameResolver names)
    {
        var parser = new ExpressionParser(text, start, names);
        var expr = parser.ParseWhole();
        if (!IsConstant(expr) || expr.Kind != ValueKind.Int)
        {
            throw new ScenarioException(start.Shift(parser.FirstNonBlank()), "a constant integer such as 10, INT_MIN + 10 or INT_MAX - 1");
        }

        return expr.Eval(NoContext.Instance);
    }

    private static bool IsConstant(Expr expr) => expr is Expr.Constant;

    private static string Describe(ValueKind kind) => kind switch
    {
        ValueKind.Bool => "condition",
        ValueKind.Int => "number",
        _ => "symbol",
    };

    private int FirstNonBlank()
    {
        var i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private Expr ParseWhole()
    {
        SkipBlanks();
        if (position >= text.Length)
        {
            throw Error("an expression");
        }

        var expr = ParseImplies();
        SkipBlanks();
        if (position < text.Length)
        {
            throw Error("an operator (&&, ||, ->, ==, !=, <, <=, >, >=, +, -) or the end of the expression");
        }

        return expr;
    }

    private ScenarioException Error(string expected, int? at = null) => new(start.Shift(at ?? position), expected);

    /// <summary>Goes one level deeper at <paramref name="at"/>, or refuses past <see cref="MaxNesting"/> before any recursion.</summary>
    private void Descend(int at)
    {
        if (++depth > MaxNesting)
        {
            throw Error(NestingLimit, at);
        }
    }

    private static string NestingLimit => $"an expression nested at most {MaxNesting} deep (parentheses, '!', unary '-' and operators count)";

    /// <summary>Answers <paramref name="expr"/>, or refuses it at <paramref name="at"/> when its tree is higher than <see cref="MaxNesting"/>.</summary>
    private Expr Bounded(Expr expr, int at) => expr.Height > MaxNesting ? throw Error(NestingLimit, at) : expr;

    private void SkipBlanks()
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private bool Accept(string op)
    {
        SkipBlanks();
        if (string.CompareOrdinal(text, position, op, 0, op.Length) == 0)
        {
            position += op.Length;
            return true;
        }

        return false;
    }

    /// <summary><c>a -&gt; b -&gt; c</c> groups to the right: the operands are read in a loop, then folded from the right.</summary>
    private Expr ParseImplies()
    {
        var operands = new List<(Expr Expr, int At)>();
        var operators = new List<int>();
        var at = position;
        operands.Add((ParseOr(), at));
        while (Accept("->"))
        {
            operators.Add(position - 2);
            at = position;
            operands.Add((ParseOr(), at));
        }

        var result = operands[^1].Expr;
        for (var i = operands.Count - 2; i >= 0; i--)
        {
            result = Bounded(Logical("->", operands[i].Expr, result, operands[i].At, operands[i + 1].At), operators[i]);
        }

        return result;
    }

    private Expr ParseOr()
    {
        var at = position;
        var left = ParseAnd();
        while (Accept("||"))
        {
            var rightAt = position;
            left = Bounded(Logical("||", left, ParseAnd(), at, rightAt), rightAt - 2);
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var at = position;
        var left = ParseUnary();
        while (Accept("&&"))
        {
            var rightAt = position;
            left = Bounded(Logical("&&", left, ParseUnary(), at, rightAt), rightAt - 2);
        }

        return left;
    }

    private Expr Logical(string op, Expr left, Expr right, int leftAt, int rightAt)
    {
        RequireBool(left, leftAt, op);
        RequireBool(right, rightAt, op);
        return new Expr.Binary(op, left, right, ValueKind.Bool);
    }

    private void RequireBool(Expr expr, int at, string op)
    {
        if (expr.Kind != ValueKind.Bool)
        {
            SkipAt(ref at);
            throw Error($"a condition on this side of '{op}', not a {Describe(expr.Kind)}", at);
        }
    }

    private void SkipAt(ref int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }
    }

    private Expr ParseUnary()
    {
        SkipBlanks();
        if (position < text.Length && text[position] == '!' && !(position + 1 < text.Length && text[position + 1] == '='))
        {
            Descend(position);
            position++;
            var operandAt = position;
            var operand = ParseUnary();
            depth--;
            RequireBool(operand, operandAt, "!");
            return Bounded(new Expr.Not(operand), operandAt - 1);
        }

        return ParseComparison();
    }

    private static readonly string[] Comparisons = ["==", "!=", "<=", ">=", "<", ">"];

    private Expr ParseComparison()
    {
        SkipBlanks();
        var leftAt = position;
        var left = ParseSum();
        foreach (var op in Comparisons)
        {
            if (Accept(op))
            {
                SkipBlanks();
                var rightAt = position;
                var right = ParseSum();
                if (left.Kind != right.Kind)
                {
                    throw Error($"a {Describe(left.Kind)} to compare with the left side, not a {Describe(right.Kind)}", rightAt);
                }

                if (op is not ("==" or "!=") && left.Kind != ValueKind.Int)
                {
                    throw Error($"numbers around '{op}'", leftAt);
                }

                return Bounded(new Expr.Binary(op, left, right, ValueKind.Bool), rightAt);
            }
        }

        return left;
    }

    private Expr ParseSum()
    {
        SkipBlanks();
        var leftAt = position;
        var left = ParsePrimary();
        while (true)
        {
            SkipBlanks();
            if (position < text.Length && (text[position] == '+' || (text[position] == '-' && !(position + 1 < text.Length && text[position + 1] == '>'))))
            {
                var op = text[position].ToString();
                position++;
                SkipBlanks();
                var rightAt = position;
                var right = ParsePrimary();
                if (left.Kind != ValueKind.Int)
                {
                    throw Error($"a number before '{op}'", leftAt);
                }

                if (right.Kind != ValueKind.Int)
                {
                    throw Error($"a number after '{op}'", rightAt);
                }

                left = Bounded(Fold(new Expr.Binary(op, left, right, ValueKind.Int)), rightAt);
                continue;
            }

            return left;
        }
    }

    private static Expr Fold(Expr.Binary expr) =>
        expr.IsFoldable ? new Expr.Constant(expr.Eval(NoContext.Instance), ValueKind.Int) : expr;

    private Expr ParsePrimary()
    {
        SkipBlanks();
        if (position >= text.Length)
        {
            throw Error("a name, a number, true, false, held(lock) or '('");
        }

        var c = text[position];
        if (c == '(')
        {
            Descend(position);
            position++;
            var inner = ParseImplies();
            depth--;
            if (!Accept(")"))
            {
                throw Error("')'");
            }

            return inner;
        }

        if (c == '-')
        {
            Descend(position);
            position++;
            var operandAt = position;
            var operand = ParsePrimary();
            depth--;
            if (operand.Kind != ValueKind.Int)
            {
                throw Error("a number after '-'", operandAt);
            }

            return operand is Expr.Constant k ? new Expr.Constant(unchecked(-k.Value), ValueKind.Int) : Bounded(new Expr.Negate(operand), operandAt - 1);
        }

        if (char.IsDigit(c))
        {
            var begin = position;
            while (position < text.Length && char.IsDigit(text[position]))
            {
                position++;
            }

            if (!long.TryParse(text.AsSpan(begin, position - begin), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > int.MaxValue)
            {
                throw Error("a number that fits in 32 bits", begin);
            }

            return new Expr.Constant((int)number, ValueKind.Int);
        }

        if (char.IsLetter(c) || c == '_')
        {
            var begin = position;
            while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '_'))
            {
                position++;
            }

            var name = text[begin..position];
            switch (name)
            {
                case "true": return new Expr.Constant(1, ValueKind.Bool);
                case "false": return new Expr.Constant(0, ValueKind.Bool);
                case "INT_MIN": return new Expr.Constant(int.MinValue, ValueKind.Int);
                case "INT_MAX": return new Expr.Constant(int.MaxValue, ValueKind.Int);
                case "held":
                    return ParseHeld();
                case "cpu_online":
                    return ParseInMask(Kernel.CpuMask.Online, name);
                case "cpu_present":
                    return ParseInMask(Kernel.CpuMask.Present, name);
                case "num_online_cpus":
                    return ParseWeight(Kernel.CpuMask.Online, name);
                case "num_present_cpus":
                    return ParseWeight(Kernel.CpuMask.Present, name);
            }

            var resolved = names.Resolve(name) ?? throw Error($"a known name ({names.Known}), not '{name}'", begin);
            SkipBlanks();
            if (position < text.Length && text[position] == '[')
            {
                if (resolved is not Expr.PerCpuRead perCpu)
                {
                    throw Error($"a per-CPU state before '[' (declared with per-cpu: true), not '{name}'", begin);
                }

                position++;
                var index = ParseCpuNumber($"{name}[…]");
                if (!Accept("]"))
                {
                    throw Error($"']' after the CPU of {name}");
                }

                return Bounded(perCpu.At(index), begin);
            }

            return resolved;
        }

        throw Error("a name, a number, true, false, held(lock) or '('");
    }

    /// <summary><c>cpu_online(n)</c> or <c>cpu_present(n)</c>, after the function's name.</summary>
    private Expr ParseInMask(Kernel.CpuMask mask, string function)
    {
        names.ReadsCpuMask();
        if (!Accept("("))
        {
            throw Error($"'(' after {function}");
        }

        var cpu = ParseCpuNumber(function + "()");
        if (!Accept(")"))
        {
            throw Error($"')' after the CPU of {function}");
        }

        return Bounded(new Expr.InMask(mask, cpu), position - 1);
    }

    /// <summary><c>num_online_cpus()</c> or <c>num_present_cpus()</c>, after the function's name.</summary>
    private Expr ParseWeight(Kernel.CpuMask mask, string function)
    {
        names.ReadsCpuMask();
        if (!Accept("(") || !Accept(")"))
        {
            throw Error($"'()' after {function}");
        }

        return new Expr.MaskWeight(mask);
    }

    /// <summary>A CPU number inside <paramref name="what"/>: a number, and when constant one of the scenario's CPUs.</summary>
    private Expr ParseCpuNumber(string what)
    {
        SkipBlanks();
        var at = position;
        Descend(at);
        var cpu = ParseImplies();
        depth--;
        if (cpu.Kind != ValueKind.Int)
        {
            throw Error($"a CPU number in {what}, not a {Describe(cpu.Kind)}", at);
        }

        if (cpu is Expr.Constant { Value: var n } && (n < 0 || n >= names.Cpus))
        {
            throw Error($"a CPU from 0 to {names.Cpus - 1} in {what} (cpus: {names.Cpus}), not {n}", at);
        }

        return cpu;
    }

    private Expr ParseHeld()
    {
        if (!Accept("("))
        {
            throw Error("'(' after held");
        }

        SkipBlanks();
        var begin = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '_'))
        {
            position++;
        }

        var lockName = text[begin..position];
        var index = names.LockIndex(lockName);
        if (index < 0)
        {
            throw Error($"the name of a declared lock, not '{lockName}'", begin);
        }

        if (!Accept(")"))
        {
            throw Error("')' after the lock's name");
        }

        return new Expr.Held(index);
    }

    private sealed class NoContext : IValueContext
    {
        internal static readonly NoContext Instance = new();

        public int Value(int slot) => 0;

        public bool IsHeld(int lockIndex) => false;
    }
}
