// SPDX-License-Identifier: GPL-2.0
/*
 * ppo: the test module of PanicPath's conformance oracle.
 *
 * Registers, from its parameters, panic notifiers, die notifiers, kmsg dumpers and a crash-path hook,
 * and prints one marker line per event on the console ("PPO: ..."), so that the order in which the
 * kernel called them can be read from the serial console outside the guest.
 *
 *   panic_nb=NAME/PRIORITY/ACTION,...   notifiers on panic_notifier_list
 *   die_nb=NAME/PRIORITY/ACTION,...     notifiers on the die chain (they act on DIE_OOPS only)
 *   dumper=NAME/MAXREASON,...           kmsg dumpers (MAXREASON: PANIC, OOPS, EMERG, SHUTDOWN)
 *   crash=ACTION                        an action run when machine_crash_shutdown() is entered
 *                                       (a kprobe: x86's machine_ops is read-only after init)
 *   holder=1                            a thread bound to CPU 1 takes ppo_lock (interrupts on) and keeps it
 *   holder=2                            a thread bound to CPU 1 is inside ppo_lock's critical section
 *                                       (interrupts off) nearly all the time: 50 ms sections back to back
 *   poo=0|1                             the panic_on_oops value the "report" action obeys
 *   trigger (write-only)                panic | oops | oops-irq: a fatal error, from process context
 *                                       or (oops-irq) from a timer, in softirq context
 *
 * PRIORITY is an integer or INT_MIN, INT_MAX, INT_MIN+N, INT_MAX-N. ACTION is one of
 *   mark    only the marker
 *   hang    never returns (spins with interrupts off)
 *   lock    takes ppo_lock, prints "PPO: event flush", releases it (mimics a framebuffer flush
 *           under the ring-buffer lock)
 *   report  once per boot, prints "PPO: event report" (mimics writing the hypervisor's crash
 *           registers); on the die chain only when poo=1
 *   unload  once per boot, prints "PPO: event unload" (mimics unloading the host channel)
 *   timeout sets panic_timeout (the kernel.panic sysctl, an exported global) to 1 and prints
 *           "PPO: event timeout": a notifier that asks for a restart rather than the final loop
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/panic.h>
#include <linux/panic_notifier.h>
#include <linux/notifier.h>
#include <linux/kdebug.h>
#include <linux/kmsg_dump.h>
#include <linux/kprobes.h>
#include <linux/spinlock.h>
#include <linux/kthread.h>
#include <linux/timer.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/string.h>

#define PPO_MAX 8

enum ppo_action { ACT_MARK, ACT_HANG, ACT_LOCK, ACT_REPORT, ACT_UNLOAD, ACT_TIMEOUT };
enum ppo_chain { CHAIN_PANIC, CHAIN_DIE };

struct ppo_notifier {
	struct notifier_block nb;
	char name[32];
	enum ppo_chain chain;
	enum ppo_action action;
	bool registered;
};

struct ppo_dumper {
	struct kmsg_dumper dumper;
	char name[32];
	bool registered;
};

static char *panic_nb[PPO_MAX];
static int n_panic_nb;
module_param_array(panic_nb, charp, &n_panic_nb, 0444);
MODULE_PARM_DESC(panic_nb, "panic notifiers: NAME/PRIORITY/ACTION");

static char *die_nb[PPO_MAX];
static int n_die_nb;
module_param_array(die_nb, charp, &n_die_nb, 0444);
MODULE_PARM_DESC(die_nb, "die notifiers: NAME/PRIORITY/ACTION");

static char *dumper[PPO_MAX];
static int n_dumper;
module_param_array(dumper, charp, &n_dumper, 0444);
MODULE_PARM_DESC(dumper, "kmsg dumpers: NAME/MAXREASON");

static char *crash;
module_param(crash, charp, 0444);
MODULE_PARM_DESC(crash, "action run when machine_crash_shutdown() is entered");

static int holder;
module_param(holder, int, 0444);
MODULE_PARM_DESC(holder, "1: a thread on CPU 1 keeps ppo_lock; 2: it is inside its critical section nearly all the time");

static int poo;
module_param(poo, int, 0444);
MODULE_PARM_DESC(poo, "the panic_on_oops value the report action obeys");

static bool holding;
module_param(holding, bool, 0444);
MODULE_PARM_DESC(holding, "read-only: the holder thread has entered its first critical section");

static struct ppo_notifier notifiers[2 * PPO_MAX];
static int n_notifiers;
static struct ppo_dumper dumpers[PPO_MAX];
static DEFINE_SPINLOCK(ppo_lock);
static atomic_t reported = ATOMIC_INIT(0);
static atomic_t unloaded = ATOMIC_INIT(0);
static enum ppo_action crash_action;
static bool crash_probe_registered;
static struct task_struct *holder_thread;
static struct timer_list oops_timer;

static const char *const reason_names[] = { "UNDEF", "PANIC", "OOPS", "EMERG", "SHUTDOWN" };

static void ppo_do(enum ppo_action action, enum ppo_chain chain)
{
	switch (action) {
	case ACT_MARK:
		break;
	case ACT_HANG:
		pr_emerg("PPO: hangs\n");
		local_irq_disable();
		for (;;)
			cpu_relax();
		break;
	case ACT_LOCK:
		spin_lock(&ppo_lock);
		pr_emerg("PPO: event flush\n");
		spin_unlock(&ppo_lock);
		break;
	case ACT_REPORT:
		if (chain == CHAIN_DIE && !poo)
			break;
		if (atomic_xchg(&reported, 1))
			break;
		pr_emerg("PPO: event report\n");
		break;
	case ACT_UNLOAD:
		if (atomic_xchg(&unloaded, 1))
			break;
		pr_emerg("PPO: event unload\n");
		break;
	case ACT_TIMEOUT:
		panic_timeout = 1;
		pr_emerg("PPO: event timeout\n");
		break;
	}
}

static int ppo_notify(struct notifier_block *nb, unsigned long val, void *data)
{
	struct ppo_notifier *n = container_of(nb, struct ppo_notifier, nb);

	if (n->chain == CHAIN_DIE) {
		if (val != DIE_OOPS)
			return NOTIFY_DONE;
		pr_emerg("PPO: die %s\n", n->name);
	} else {
		pr_emerg("PPO: panic %s\n", n->name);
	}
	ppo_do(n->action, n->chain);
	return NOTIFY_DONE;
}

static void ppo_dump(struct kmsg_dumper *d, enum kmsg_dump_reason reason)
{
	struct ppo_dumper *p = container_of(d, struct ppo_dumper, dumper);

	pr_emerg("PPO: dump %s %s\n", p->name,
		 reason < ARRAY_SIZE(reason_names) ? reason_names[reason] : "?");
}

static int ppo_crash_pre(struct kprobe *kp, struct pt_regs *regs)
{
	pr_emerg("PPO: crash_shutdown hook\n");
	ppo_do(crash_action, CHAIN_PANIC);
	return 0;
}

static struct kprobe crash_probe = {
	.symbol_name = "machine_crash_shutdown",
	.pre_handler = ppo_crash_pre,
};

static int parse_priority(const char *s, int *out)
{
	long long v;
	const char *rest = NULL;
	long long base = 0;

	if (!strncmp(s, "INT_MIN", 7)) {
		base = INT_MIN;
		rest = s + 7;
	} else if (!strncmp(s, "INT_MAX", 7)) {
		base = INT_MAX;
		rest = s + 7;
	}
	if (rest) {
		if (!*rest) {
			*out = (int)base;
			return 0;
		}
		if ((*rest != '+' && *rest != '-') || kstrtoll(rest + 1, 10, &v))
			return -EINVAL;
		v = *rest == '+' ? base + v : base - v;
	} else if (kstrtoll(s, 10, &v)) {
		return -EINVAL;
	}
	if (v < INT_MIN || v > INT_MAX)
		return -ERANGE;
	*out = (int)v;
	return 0;
}

static int parse_action(const char *s, enum ppo_action *out)
{
	static const char *const names[] = { "mark", "hang", "lock", "report", "unload", "timeout" };
	int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (!strcmp(s, names[i])) {
			*out = i;
			return 0;
		}
	}
	return -EINVAL;
}

/* Parses NAME/PRIORITY/ACTION into n; the text is copied, not kept. */
static int parse_notifier(const char *spec, enum ppo_chain chain, struct ppo_notifier *n)
{
	char buf[96];
	char *p = buf, *name, *prio, *action;
	int err;

	if (strscpy(buf, spec, sizeof(buf)) < 0)
		return -E2BIG;
	name = strsep(&p, "/");
	prio = strsep(&p, "/");
	action = strsep(&p, "/");
	if (!name || !*name || !prio || !action || p)
		return -EINVAL;
	if (strscpy(n->name, name, sizeof(n->name)) < 0)
		return -E2BIG;
	err = parse_priority(prio, &n->nb.priority);
	if (err)
		return err;
	err = parse_action(action, &n->action);
	if (err)
		return err;
	n->chain = chain;
	n->nb.notifier_call = ppo_notify;
	return 0;
}

static int parse_dumper(const char *spec, struct ppo_dumper *d)
{
	char buf[64];
	char *p = buf, *name, *reason;
	int i;

	if (strscpy(buf, spec, sizeof(buf)) < 0)
		return -E2BIG;
	name = strsep(&p, "/");
	reason = strsep(&p, "/");
	if (!name || !*name || !reason || p)
		return -EINVAL;
	if (strscpy(d->name, name, sizeof(d->name)) < 0)
		return -E2BIG;
	for (i = KMSG_DUMP_PANIC; i < ARRAY_SIZE(reason_names); i++) {
		if (!strcmp(reason, reason_names[i])) {
			d->dumper.max_reason = i;
			d->dumper.dump = ppo_dump;
			return 0;
		}
	}
	return -EINVAL;
}

/* holder=1: a CPU stuck in its critical section, taken with interrupts on. */
static int ppo_stuck_holder(void *unused)
{
	spin_lock(&ppo_lock);
	WRITE_ONCE(holding, true);
	pr_emerg("PPO: cpu%d holds ppo_lock\n", raw_smp_processor_id());
	for (;;)
		cpu_relax();
	return 0;
}

/*
 * holder=2: a CPU inside a ring buffer's critical section when the panic starts: ppo_lock taken with
 * interrupts off (spin_lock_irqsave) for 50 ms, released, and taken again at once. An IPI waits until a
 * section ends (then the lock is free); an NMI lands inside one (then the lock stays held).
 */
static int ppo_holder(void *unused)
{
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&ppo_lock, flags);
		if (!READ_ONCE(holding)) {
			WRITE_ONCE(holding, true);
			pr_emerg("PPO: cpu%d is inside ppo_lock\n", raw_smp_processor_id());
		}
		mdelay(50);
		spin_unlock_irqrestore(&ppo_lock, flags);
	}
	return 0;
}

static void ppo_oops_timer(struct timer_list *t)
{
	pr_emerg("PPO: oops in interrupt context\n");
	*(volatile int *)NULL = 1;
}

static int trigger_set(const char *val, const struct kernel_param *kp)
{
	if (sysfs_streq(val, "panic")) {
		panic("ppo: panic from process context");
	} else if (sysfs_streq(val, "oops")) {
		pr_emerg("PPO: oops in process context\n");
		*(volatile int *)NULL = 1;
	} else if (sysfs_streq(val, "oops-irq")) {
		mod_timer(&oops_timer, jiffies + 1);
		/* The timer oopses while this task sleeps: the write does not return first. */
		msleep(3000);
	} else {
		return -EINVAL;
	}
	return 0;
}

static const struct kernel_param_ops trigger_ops = {
	.set = trigger_set,
};
module_param_cb(trigger, &trigger_ops, NULL, 0200);
MODULE_PARM_DESC(trigger, "write panic, oops or oops-irq to enter the fatal path");

static void ppo_unregister(void)
{
	int i;

	if (crash_probe_registered)
		unregister_kprobe(&crash_probe);
	for (i = 0; i < PPO_MAX; i++) {
		if (dumpers[i].registered)
			kmsg_dump_unregister(&dumpers[i].dumper);
	}
	for (i = 0; i < n_notifiers; i++) {
		if (!notifiers[i].registered)
			continue;
		if (notifiers[i].chain == CHAIN_DIE)
			unregister_die_notifier(&notifiers[i].nb);
		else
			atomic_notifier_chain_unregister(&panic_notifier_list, &notifiers[i].nb);
	}
}

static int __init ppo_init(void)
{
	int i, err;

	timer_setup(&oops_timer, ppo_oops_timer, 0);
	/* Die notifiers first, then panic notifiers, each in parameter order. */
	for (i = 0; i < n_die_nb; i++) {
		err = parse_notifier(die_nb[i], CHAIN_DIE, &notifiers[n_notifiers]);
		if (err) {
			pr_err("ppo: die_nb[%d] '%s': expected NAME/PRIORITY/ACTION\n", i, die_nb[i]);
			goto fail;
		}
		err = register_die_notifier(&notifiers[n_notifiers].nb);
		if (err)
			goto fail;
		notifiers[n_notifiers++].registered = true;
		pr_info("PPO: registered die %s\n", notifiers[n_notifiers - 1].name);
	}
	for (i = 0; i < n_panic_nb; i++) {
		err = parse_notifier(panic_nb[i], CHAIN_PANIC, &notifiers[n_notifiers]);
		if (err) {
			pr_err("ppo: panic_nb[%d] '%s': expected NAME/PRIORITY/ACTION\n", i, panic_nb[i]);
			goto fail;
		}
		err = atomic_notifier_chain_register(&panic_notifier_list, &notifiers[n_notifiers].nb);
		if (err)
			goto fail;
		notifiers[n_notifiers++].registered = true;
		pr_info("PPO: registered panic %s\n", notifiers[n_notifiers - 1].name);
	}
	for (i = 0; i < n_dumper; i++) {
		err = parse_dumper(dumper[i], &dumpers[i]);
		if (err) {
			pr_err("ppo: dumper[%d] '%s': expected NAME/MAXREASON\n", i, dumper[i]);
			goto fail;
		}
		err = kmsg_dump_register(&dumpers[i].dumper);
		if (err)
			goto fail;
		dumpers[i].registered = true;
		pr_info("PPO: registered dumper %s\n", dumpers[i].name);
	}
	if (crash) {
		err = parse_action(crash, &crash_action);
		if (err) {
			pr_err("ppo: crash '%s': expected an action\n", crash);
			goto fail;
		}
		err = register_kprobe(&crash_probe);
		if (err) {
			pr_err("ppo: cannot probe machine_crash_shutdown: %d\n", err);
			goto fail;
		}
		crash_probe_registered = true;
		pr_info("PPO: registered crash_shutdown hook\n");
	}
	if (holder) {
		if (holder != 1 && holder != 2) {
			pr_err("ppo: holder=%d: expected 1 or 2\n", holder);
			err = -EINVAL;
			goto fail;
		}
		if (num_online_cpus() < 2) {
			pr_err("ppo: holder=1 needs a second CPU\n");
			err = -EINVAL;
			goto fail;
		}
		holder_thread = kthread_create(holder == 1 ? ppo_stuck_holder : ppo_holder, NULL, "ppo_holder");
		if (IS_ERR(holder_thread)) {
			err = PTR_ERR(holder_thread);
			goto fail;
		}
		kthread_bind(holder_thread, 1);
		wake_up_process(holder_thread);
	}
	pr_info("PPO: ready\n");
	return 0;
fail:
	ppo_unregister();
	return err;
}

/* No exit function: the module stays until the machine dies, as the holder thread never ends. */
module_init(ppo_init);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("PanicPath conformance oracle: notifiers, dumpers and triggers with console markers");
