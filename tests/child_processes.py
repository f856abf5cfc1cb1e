"""How long a test waits for a child process (a command run or spawned in a terminal).

Only a guard against a hang, never a measure of speed: the machines are shared, and
under load a command's start-up takes many times longer than on a quiet machine (a
60-second limit on `parcel-doctor facts check` failed a landing run at a load of 6 on
2 cores). Speed is measured by the benchmarks in benchmarks/, never by tests.
"""

HANG_AFTER = 600  # seconds
