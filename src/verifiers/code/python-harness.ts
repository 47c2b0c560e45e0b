/**
 * The program that runs generated Python in the sandbox. It caps its address space, installs an audit hook
 * (which code cannot remove) that refuses files outside the working directory and the Python installation,
 * sockets, subprocesses and native libraries, then runs `solution.py` and each test of `tests.json` in one
 * namespace, writing one line per test, `<marker>{"index":…,"passed":…,"message":…}`, as soon as it is known.
 */
export const pythonHarness = String.raw`import json, os, resource, sys

marker = sys.argv[1]
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
root = os.path.realpath(os.getcwd())
solution = open('solution.py', encoding='utf-8').read()
tests = json.load(open('tests.json', encoding='utf-8'))
allowed = [root] + sorted({os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix)})
blocked_events = {
    'socket.connect', 'socket.bind', 'socket.sendto', 'socket.sendmsg', 'socket.getaddrinfo',
    'socket.gethostbyname', 'socket.gethostbyaddr', 'socket.__new__',
    'subprocess.Popen', 'os.system', 'os.exec', 'os.posix_spawn', 'os.spawn', 'os.fork', 'os.forkpty',
    'pty.spawn', 'ctypes.dlopen', 'ctypes.dlsym', 'ctypes.cdata', 'os.kill', 'os.killpg',
}
path_events = {'open', 'os.listdir', 'os.scandir', 'os.chdir', 'os.remove', 'os.rename', 'os.rmdir', 'os.mkdir', 'shutil.rmtree'}

def inside(path):
    try:
        real = os.path.realpath(os.fsdecode(path))
    except Exception:
        return False
    return any(real == a or real.startswith(a + os.sep) for a in allowed)

def hook(event, args):
    if event in blocked_events:
        if event.startswith('socket.'):
            raise PermissionError('network access is blocked in the sandbox (' + event + ')')
        raise PermissionError(event + ' is blocked in the sandbox')
    if event in path_events and args and isinstance(args[0], (str, bytes, os.PathLike)) and not inside(args[0]):
        raise PermissionError('access to ' + os.fsdecode(args[0]) + ' is blocked in the sandbox')

def report(line):
    sys.stdout.write(marker + json.dumps(line) + '\n')
    sys.stdout.flush()

def describe(error):
    return type(error).__name__ + (': ' + str(error) if str(error) else '')

sys.addaudithook(hook)
namespace = {'__name__': '__main__'}
try:
    exec(compile(solution, 'solution.py', 'exec'), namespace)
except BaseException as error:
    report({'index': -1, 'passed': False, 'message': 'the code failed: ' + describe(error)})
    sys.exit(0)
for index, test in enumerate(tests):
    try:
        exec(compile(test, 'test_%d.py' % (index + 1), 'exec'), namespace)
        report({'index': index, 'passed': True})
    except BaseException as error:
        report({'index': index, 'passed': False, 'message': describe(error)})
sys.exit(0)
`;
