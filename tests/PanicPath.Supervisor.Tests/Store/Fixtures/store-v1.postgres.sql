-- A PostgreSQL store made by panicpath at schema version 1 (commit f6a28bc): the deaths of store-v1.db
-- added in id order by that version's PostgresDeathStore, then pg_dump --no-owner --no-privileges
-- --column-inserts, with the public. qualifiers, the search_path reset and psql's \restrict lines removed
-- so that it loads into whatever schema the connection's search path names.
--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: buckets; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE buckets (
    signature text NOT NULL,
    cause text NOT NULL,
    title text NOT NULL,
    count integer NOT NULL,
    first_seen text NOT NULL,
    last_seen text NOT NULL
);


--
-- Name: deaths; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE deaths (
    id bigint NOT NULL,
    run_id text NOT NULL,
    attempt integer NOT NULL,
    command text NOT NULL,
    pid integer NOT NULL,
    cause text NOT NULL,
    exit_code integer NOT NULL,
    signal text,
    report text,
    dump text,
    crash_report text,
    signature text NOT NULL,
    title text NOT NULL,
    stdout_tail text NOT NULL,
    stderr_tail text NOT NULL,
    started_at text NOT NULL,
    ended_at text NOT NULL
);


--
-- Name: deaths_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE deaths ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME deaths_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: schema_info; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE schema_info (
    version integer NOT NULL
);


--
-- Data for Name: buckets; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO buckets (signature, cause, title, count, first_seen, last_seen) VALUES ('83e023cb066c45ca', 'oops-panic', 'System.TimeoutException: crasher oops', 1, '2026-11-29T19:48:08.8487164Z', '2026-11-29T19:48:08.8487164Z');
INSERT INTO buckets (signature, cause, title, count, first_seen, last_seen) VALUES ('97fe5981f673de9e', 'unhandled-exception', 'System.InvalidOperationException: crasher unhandled', 1, '2026-11-29T19:48:09.4165451Z', '2026-11-29T19:48:09.4165451Z');
INSERT INTO buckets (signature, cause, title, count, first_seen, last_seen) VALUES ('5f7a2210682d2ddc', 'unhandled-exception', 'System.InvalidOperationException: crasher unhandled', 1, '2026-11-29T19:48:09.7436200Z', '2026-11-29T19:48:09.7436200Z');
INSERT INTO buckets (signature, cause, title, count, first_seen, last_seen) VALUES ('9688921c98c302e9', 'failfast', 'fail-fast: crasher fail-fast', 1, '2026-11-29T19:48:10.0429589Z', '2026-11-29T19:48:10.0429589Z');
INSERT INTO buckets (signature, cause, title, count, first_seen, last_seen) VALUES ('f81be06d23a0cb59', 'signal', 'killed by SIGSEGV', 1, '2026-11-29T19:48:10.3418615Z', '2026-11-29T19:48:10.3418615Z');
INSERT INTO buckets (signature, cause, title, count, first_seen, last_seen) VALUES ('dbcea7ab8e1220bf', 'exit-code', 'exit code 0', 1, '2026-11-29T19:48:10.4849892Z', '2026-11-29T19:48:10.4849892Z');
INSERT INTO buckets (signature, cause, title, count, first_seen, last_seen) VALUES ('36a31c16ff8d9b14', 'signal', 'killed by SIGKILL', 1, '2026-11-29T19:48:10.6231630Z', '2026-11-29T19:48:10.6231630Z');
INSERT INTO buckets (signature, cause, title, count, first_seen, last_seen) VALUES ('27708adaf10e6f2d', 'stack-overflow', 'stack overflow', 1, '2026-11-29T19:48:10.9288634Z', '2026-11-29T19:48:10.9288634Z');
INSERT INTO buckets (signature, cause, title, count, first_seen, last_seen) VALUES ('dbc4a5ab8e09c8d4', 'exit-code', 'exit code 3', 2, '2026-11-29T19:48:11.0650256Z', '2026-11-29T19:48:11.0956433Z');


--
-- Data for Name: deaths; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO deaths (id, run_id, attempt, command, pid, cause, exit_code, signal, report, dump, crash_report, signature, title, stdout_tail, stderr_tail, started_at, ended_at) OVERRIDING SYSTEM VALUE VALUES (1, '20261129T194808-b253842e', 0, 'dotnet tests/Crashers/bin/Debug/net10.0/Crashers.dll oops-panic', 14718, 'oops-panic', 134, 'SIGABRT', '{"version":1,"kind":"oops","reason":"request failed","pid":14718,"threadId":1,"uptimeMs":158.3471,"timestamp":"2026-11-29T19:48:08.5588943Z","exception":{"type":"System.TimeoutException","message":"crasher oops","hresult":-2146233083,"method":null,"signature":"83e023cb066c45ca"},"form":"long","log":"2026-11-29T19:48:08.553Z info Microsoft.Hosting.Lifetime: Application started. Press Ctrl\u002BC to shut down.\n2026-11-29T19:48:08.557Z info Microsoft.Hosting.Lifetime: Hosting environment: Production\n2026-11-29T19:48:08.557Z info Microsoft.Hosting.Lifetime: Content root path: /work/wt-store\n2026-11-29T19:48:08.557Z crit PanicPath: oops: request failed in GET /orders: System.TimeoutException: crasher oops\n","notifiers":[],"nested":[],"dumpPath":null,"deadlineExceeded":false,"exitCode":134}', '/tmp/fixture-gen/data/dumps/core.14718', '/tmp/fixture-gen/data/dumps/core.14718.crashreport.json', '83e023cb066c45ca', 'System.TimeoutException: crasher oops', 'crasher oops-panic pid 14718
info: Microsoft.Hosting.Lifetime[0]
      Application started. Press Ctrl+C to shut down.
info: Microsoft.Hosting.Lifetime[0]
      Hosting environment: Production
info: Microsoft.Hosting.Lifetime[0]
      Content root path: /work/wt-store
[createdump] Gathering state for process 14718 dotnet
[createdump] Crashing thread 397e signal 6 (0006)
[createdump] Writing crash report to file /tmp/fixture-gen/data/dumps/core.14718.crashreport.json
[createdump] Crash report successfully written
[createdump] Writing minidump to file /tmp/fixture-gen/data/dumps/core.14718
[createdump] Written 10440704 bytes (2549 pages) to core file
[createdump] Target process is alive
[createdump] Dump successfully written in 230ms', 'panic: request failed (System.TimeoutException: crasher oops)
panic: report delivered to the supervisor over the channel
Process terminated.
panic: request failed
   at System.Environment.FailFast(System.Runtime.CompilerServices.StackCrawlMarkHandle, System.String, System.Runtime.CompilerServices.ObjectHandleOnStack, System.String)
   at System.Environment.FailFast(System.Threading.StackCrawlMark ByRef, System.String, System.Exception, System.String)
   at System.Environment.FailFast(System.String)
   at PanicPath.Panics.PanicRuntime.Terminate(Int32, System.String)
   at PanicPath.Panics.PanicRuntime.Panic(PanicPath.Panics.PanicKind, System.String, System.Exception)
   at PanicPath.Panics.PanicRuntime.Oops(System.String, System.Exception, System.String, Boolean)
   at PanicPath.Panics.Panic.Oops(System.String, System.Exception, System.String)
   at Program.<Main>$(System.String[])', '2026-11-29T19:48:08.4040599Z', '2026-11-29T19:48:08.8487164Z');
INSERT INTO deaths (id, run_id, attempt, command, pid, cause, exit_code, signal, report, dump, crash_report, signature, title, stdout_tail, stderr_tail, started_at, ended_at) OVERRIDING SYSTEM VALUE VALUES (2, '20261129T194808-a53900a1', 0, 'dotnet tests/Crashers/bin/Debug/net10.0/Crashers.dll panicpath-unhandled', 14753, 'unhandled-exception', 134, 'SIGABRT', '{"version":1,"kind":"panic","reason":"unhandled exception","pid":14753,"threadId":13,"uptimeMs":151.9577,"timestamp":"2026-11-29T19:48:09.1323976Z","exception":{"type":"System.InvalidOperationException","message":"crasher unhandled","hresult":-2146233079,"method":"Crashers.Deaths.Throw","signature":"97fe5981f673de9e"},"form":"long","log":"2026-11-29T19:48:09.127Z info Microsoft.Hosting.Lifetime: Application started. Press Ctrl\u002BC to shut down.\n2026-11-29T19:48:09.131Z info Microsoft.Hosting.Lifetime: Hosting environment: Production\n2026-11-29T19:48:09.131Z info Microsoft.Hosting.Lifetime: Content root path: /work/wt-store\n","notifiers":[],"nested":[],"dumpPath":null,"deadlineExceeded":false,"exitCode":134}', '/tmp/fixture-gen/data/dumps/core.14753', '/tmp/fixture-gen/data/dumps/core.14753.crashreport.json', '97fe5981f673de9e', 'System.InvalidOperationException: crasher unhandled', 'crasher panicpath-unhandled pid 14753
info: Microsoft.Hosting.Lifetime[0]
      Application started. Press Ctrl+C to shut down.
info: Microsoft.Hosting.Lifetime[0]
      Hosting environment: Production
info: Microsoft.Hosting.Lifetime[0]
      Content root path: /work/wt-store
[createdump] Gathering state for process 14753 dotnet
[createdump] Crashing thread 39b3 signal 6 (0006)
[createdump] Writing crash report to file /tmp/fixture-gen/data/dumps/core.14753.crashreport.json
[createdump] Crash report successfully written
[createdump] Writing minidump to file /tmp/fixture-gen/data/dumps/core.14753
[createdump] Written 10694656 bytes (2611 pages) to core file
[createdump] Target process is alive
[createdump] Dump successfully written in 235ms', 'panic: unhandled exception (System.InvalidOperationException: crasher unhandled)
panic: report delivered to the supervisor over the channel
Process terminated.
panic: unhandled exception
   at System.Environment.FailFast(System.Runtime.CompilerServices.StackCrawlMarkHandle, System.String, System.Runtime.CompilerServices.ObjectHandleOnStack, System.String)
   at System.Environment.FailFast(System.Threading.StackCrawlMark ByRef, System.String, System.Exception, System.String)
   at System.Environment.FailFast(System.String)
   at PanicPath.Panics.PanicRuntime.Terminate(Int32, System.String)
   at PanicPath.Panics.PanicRuntime.Panic(PanicPath.Panics.PanicKind, System.String, System.Exception)
   at PanicPath.Panics.PanicRuntime.OnUnhandledException(System.Object, System.UnhandledExceptionEventArgs)
   at System.AppContext.OnUnhandledException(System.Object)
   at System.Runtime.EH.DispatchEx(System.Runtime.StackFrameIterator ByRef, ExInfo ByRef)
   at Crashers.Deaths.Throw()
   at Crashers.Deaths+<>c.<Unhandled>b__1_0()
   at System.Threading.Thread.StartCallback()', '2026-11-29T19:48:08.9869372Z', '2026-11-29T19:48:09.4165451Z');
INSERT INTO deaths (id, run_id, attempt, command, pid, cause, exit_code, signal, report, dump, crash_report, signature, title, stdout_tail, stderr_tail, started_at, ended_at) OVERRIDING SYSTEM VALUE VALUES (3, '20261129T194809-c6c55a95', 0, 'dotnet tests/Crashers/bin/Debug/net10.0/Crashers.dll unhandled', 14789, 'unhandled-exception', 134, 'SIGABRT', NULL, '/tmp/fixture-gen/data/dumps/core.14789', '/tmp/fixture-gen/data/dumps/core.14789.crashreport.json', '5f7a2210682d2ddc', 'System.InvalidOperationException: crasher unhandled', 'crasher unhandled pid 14789
[createdump] Gathering state for process 14789 dotnet
[createdump] Crashing thread 39ce signal 6 (0006)
[createdump] Writing crash report to file /tmp/fixture-gen/data/dumps/core.14789.crashreport.json
[createdump] Crash report successfully written
[createdump] Writing minidump to file /tmp/fixture-gen/data/dumps/core.14789
[createdump] Written 7544832 bytes (1842 pages) to core file
[createdump] Target process is alive
[createdump] Dump successfully written in 170ms', 'Unhandled exception. System.InvalidOperationException: crasher unhandled
   at Crashers.Deaths.Throw() in /work/wt-store/tests/Crashers/Deaths.cs:line 62
   at Crashers.Deaths.<>c.<Unhandled>b__1_0() in /work/wt-store/tests/Crashers/Deaths.cs:line 17
   at System.Threading.Thread.StartCallback()', '2026-11-29T19:48:09.5293660Z', '2026-11-29T19:48:09.7436200Z');
INSERT INTO deaths (id, run_id, attempt, command, pid, cause, exit_code, signal, report, dump, crash_report, signature, title, stdout_tail, stderr_tail, started_at, ended_at) OVERRIDING SYSTEM VALUE VALUES (4, '20261129T194809-b2e2f9df', 0, 'dotnet tests/Crashers/bin/Debug/net10.0/Crashers.dll failfast', 14815, 'failfast', 134, 'SIGABRT', NULL, '/tmp/fixture-gen/data/dumps/core.14815', '/tmp/fixture-gen/data/dumps/core.14815.crashreport.json', '9688921c98c302e9', 'fail-fast: crasher fail-fast', 'crasher failfast pid 14815
[createdump] Gathering state for process 14815 dotnet
[createdump] Crashing thread 39df signal 6 (0006)
[createdump] Writing crash report to file /tmp/fixture-gen/data/dumps/core.14815.crashreport.json
[createdump] Crash report successfully written
[createdump] Writing minidump to file /tmp/fixture-gen/data/dumps/core.14815
[createdump] Written 6623232 bytes (1617 pages) to core file
[createdump] Target process is alive
[createdump] Dump successfully written in 156ms', 'Process terminated.
crasher fail-fast
   at System.Environment.FailFast(System.Runtime.CompilerServices.StackCrawlMarkHandle, System.String, System.Runtime.CompilerServices.ObjectHandleOnStack, System.String)
   at System.Environment.FailFast(System.Threading.StackCrawlMark ByRef, System.String, System.Exception, System.String)
   at System.Environment.FailFast(System.String)
   at Crashers.Deaths.FailFast()
   at Program.<Main>$(System.String[])', '2026-11-29T19:48:09.8585770Z', '2026-11-29T19:48:10.0429589Z');
INSERT INTO deaths (id, run_id, attempt, command, pid, cause, exit_code, signal, report, dump, crash_report, signature, title, stdout_tail, stderr_tail, started_at, ended_at) OVERRIDING SYSTEM VALUE VALUES (5, '20261129T194810-6c588f0a', 0, 'dotnet tests/Crashers/bin/Debug/net10.0/Crashers.dll segv', 14840, 'signal', 139, 'SIGSEGV', NULL, '/tmp/fixture-gen/data/dumps/core.14840', '/tmp/fixture-gen/data/dumps/core.14840.crashreport.json', 'f81be06d23a0cb59', 'killed by SIGSEGV', 'crasher segv pid 14840
[createdump] Gathering state for process 14840 dotnet
[createdump] Crashing thread 39f8 signal 11 (000b)
[createdump] Writing crash report to file /tmp/fixture-gen/data/dumps/core.14840.crashreport.json
[createdump] Crash report successfully written
[createdump] Writing minidump to file /tmp/fixture-gen/data/dumps/core.14840
[createdump] Written 6516736 bytes (1591 pages) to core file
[createdump] Target process is alive
[createdump] Dump successfully written in 155ms', '', '2026-11-29T19:48:10.1579533Z', '2026-11-29T19:48:10.3418615Z');
INSERT INTO deaths (id, run_id, attempt, command, pid, cause, exit_code, signal, report, dump, crash_report, signature, title, stdout_tail, stderr_tail, started_at, ended_at) OVERRIDING SYSTEM VALUE VALUES (6, '20261129T194810-ee834572', 0, 'dotnet tests/Crashers/bin/Debug/net10.0/Crashers.dll exit0', 14866, 'exit-code', 0, NULL, NULL, NULL, NULL, 'dbcea7ab8e1220bf', 'exit code 0', 'crasher exit0 pid 14866', '', '2026-11-29T19:48:10.4586036Z', '2026-11-29T19:48:10.4849892Z');
INSERT INTO deaths (id, run_id, attempt, command, pid, cause, exit_code, signal, report, dump, crash_report, signature, title, stdout_tail, stderr_tail, started_at, ended_at) OVERRIDING SYSTEM VALUE VALUES (7, '20261129T194810-1f23fdbf', 0, 'dotnet tests/Crashers/bin/Debug/net10.0/Crashers.dll sigkill', 14890, 'signal', 137, 'SIGKILL', NULL, NULL, NULL, '36a31c16ff8d9b14', 'killed by SIGKILL', 'crasher sigkill pid 14890', '', '2026-11-29T19:48:10.5964377Z', '2026-11-29T19:48:10.6231630Z');
INSERT INTO deaths (id, run_id, attempt, command, pid, cause, exit_code, signal, report, dump, crash_report, signature, title, stdout_tail, stderr_tail, started_at, ended_at) OVERRIDING SYSTEM VALUE VALUES (8, '20261129T194810-12febe06', 0, 'dotnet tests/Crashers/bin/Debug/net10.0/Crashers.dll stack-overflow', 14914, 'stack-overflow', 134, 'SIGABRT', NULL, '/tmp/fixture-gen/data/dumps/core.14914', '/tmp/fixture-gen/data/dumps/core.14914.crashreport.json', '27708adaf10e6f2d', 'stack overflow', 'crasher stack-overflow pid 14914
[createdump] Gathering state for process 14914 dotnet
[createdump] Crashing thread 3a4b signal 6 (0006)
[createdump] Writing crash report to file /tmp/fixture-gen/data/dumps/core.14914.crashreport.json
[createdump] Crash report successfully written
[createdump] Writing minidump to file /tmp/fixture-gen/data/dumps/core.14914
[createdump] Written 7012352 bytes (1712 pages) to core file
[createdump] Target process is alive
[createdump] Dump successfully written in 166ms', 'Stack overflow.
Repeated 699 times:
--------------------------------
   at Crashers.Deaths.Recurse(Int32)
--------------------------------
   at Crashers.Deaths+<>c.<StackOverflow>b__4_0()
   at System.Threading.Thread.StartCallback()', '2026-11-29T19:48:10.7332714Z', '2026-11-29T19:48:10.9288634Z');
INSERT INTO deaths (id, run_id, attempt, command, pid, cause, exit_code, signal, report, dump, crash_report, signature, title, stdout_tail, stderr_tail, started_at, ended_at) OVERRIDING SYSTEM VALUE VALUES (9, '20261129T194811-b787b50c', 0, 'dotnet tests/Crashers/bin/Debug/net10.0/Crashers.dll exit3', 14942, 'exit-code', 3, NULL, NULL, NULL, NULL, 'dbc4a5ab8e09c8d4', 'exit code 3', 'crasher exit3 pid 14942', 'crasher exiting with 3', '2026-11-29T19:48:11.0429402Z', '2026-11-29T19:48:11.0650256Z');
INSERT INTO deaths (id, run_id, attempt, command, pid, cause, exit_code, signal, report, dump, crash_report, signature, title, stdout_tail, stderr_tail, started_at, ended_at) OVERRIDING SYSTEM VALUE VALUES (10, '20261129T194811-b787b50c', 1, 'dotnet tests/Crashers/bin/Debug/net10.0/Crashers.dll exit3', 14951, 'exit-code', 3, NULL, NULL, NULL, NULL, 'dbc4a5ab8e09c8d4', 'exit code 3', 'crasher exit3 pid 14951', 'crasher exiting with 3', '2026-11-29T19:48:11.0758191Z', '2026-11-29T19:48:11.0956433Z');


--
-- Data for Name: schema_info; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO schema_info (version) VALUES (1);


--
-- Name: deaths_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('deaths_id_seq', 10, true);


--
-- Name: buckets buckets_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY buckets
    ADD CONSTRAINT buckets_pkey PRIMARY KEY (signature);


--
-- Name: deaths deaths_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY deaths
    ADD CONSTRAINT deaths_pkey PRIMARY KEY (id);


--
-- Name: deaths_run_attempt; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX deaths_run_attempt ON deaths USING btree (run_id, attempt);


--
-- Name: deaths_signature; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX deaths_signature ON deaths USING btree (signature);


--
-- PostgreSQL database dump complete
--


