/**
 * Writes src/accounts/data/common-passwords.txt: the list of common passwords that the password
 * policy refuses. It is generated deterministically (run `npx tsx src/accounts/data/generate-common-passwords.ts`)
 * from passwords that top every published leak list, Malay and local words people choose, and
 * the systematic variants that people use to reach a length rule: words with years, digit runs
 * and symbols, doubled words, keyboard walks and digit sequences. One lower-case entry a line.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** Passwords found at the top of the well-known leak lists. */
const TOP = `123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball
abc123 football monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael
654321 superman 1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm
asdfgh hunter buster soccer harley batman andrew tigger sunshine iloveyou 2000 charlie robert thomas
hockey ranger daniel starwars klaster 112233 george computer michelle jessica pepper 1111 zxcvbn 555555
11111111 131313 freedom 777777 pass maggie 159753 aaaaaa ginger princess joshua cheese amanda summer
love ashley nicole chelsea biteme matthew access yankees 987654321 dallas austin thunder taylor matrix
mobilemail mom monitor monitoring montana moon moscow william corvette hello martin heather secret
merlin diamond 1234qwer gfhjkm hammer silver 222222 88888888 anthony justin test bailey q1w2e3r4t5
patrick internet scooter orange 11111 golfer cookie richard samantha bigdog guitar jackson whatever
mickey chicken sparky snoopy maverick phoenix camaro peanut morgan welcome falcon cowboy ferrari
samsung andrea smokey steelers joseph mercedes dakota arsenal eagles melissa boomer booboo spider
nascar monster tigers yellow xxxxxx 123123123 gateway marina diablo bulldog qwer1234 compaq purple
hardcore banana junior hannah 123654 porsche lakers iceman money cowboys 987654 london tennis 999999
ncc1701 coffee scooby 0000 miller boston q1w2e3r4 brandon yamaha chester mother forever johnny edward
333333 oliver redsox player nikita knight fender barney midnight please brandy chicago badboy slayer
rangers charles angel flower bigdaddy rabbit wizard jasper enter rachel chris steven winner adidas
victoria natasha 1q2w3e4r jasmine winter prince panties marine ghbdtn fishing cocacola casper james
232323 raiders 888888 marlboro gandalf asdfasdf crystal 87654321 12344321 golden 8675309 dexter
viking jack lovers dolphin blink182 nirvana password1 password123 admin admin123 administrator root
toor changeme default guest login passw0rd p@ssw0rd p@ssword pa55word qwerty123 qwerty1 1qaz2wsx3edc
zaq12wsx zaq1zaq1 asdf1234 abcd1234 abcdef abcdefg abcdefgh 1q2w3e4r5t 1q2w3e4r5t6y 1qazxsw2 letmein1
welcome1 welcome123 iloveyou1 princess1 sunshine1 football1 monkey1 dragon1 shadow1 master1 baseball1
superman1 trustno1 hello123 azerty 000000000 1111111111 123456a a123456 123456q qwe123 zxc123 aa123456
5201314 woaini 1314520 homelesspa 654321a 112233a unknown chocolate butterfly loveme lovely babygirl
anthony1 friends jesus jesus1 blessed angels family football soccer1 liverpool manutd chelsea1 barcelona
realmadrid juventus arsenal1 pokemon naruto minecraft fortnite roblox zelda mario starwars1 matrix1
freedom1 whatever1 nothing secret1 hello1 hellohello goodluck lucky lucky7 seven7 qwertyui asdfghjkl
zxcvbnm1 qazwsxedc 1qaz2wsx3edc4rfv qwertyuiop123 poiuytrewq lkjhgfdsa mnbvcxz 147258369 159357 147258
963852741 741852963 123789 456789 789456 789456123 321654 100200 102030 101010 202020 123abc abc12345
password! password1! password12 password1234 passwordpassword pass1234 pass123 test123 test1234 testing
test1 testtest demo demo123 user user123 guest123 temp temp123 temporary sample changeit letmein123`;

/** Malay and Malaysian words, names and places people put in passwords. */
const LOCAL = `sayang sayangku sayangkamu cinta cintaku cintakamu rindu kasih kasihku manja comel cantik
malaysia selangor kualalumpur putrajaya shahalam petaling klang gombak kajang bangi johor kedah kelantan
melaka negerisembilan pahang perak perlis penang pulaupinang sabah sarawak terengganu labuan
kerajaan kerajaannegeri jabatan pejabat perbendaharaan akauntan bendahari gaji slipgaji ispeks portal
katalaluan katalaluanku rahsia rahsiaku kunci masuk login123 pengguna admin1 pentadbir sistem
merdeka merdeka57 malaysia1 malaysiaboleh selamat selamatpagi terimakasih alhamdulillah bismillah
insyaallah mashaallah subhanallah allahuakbar muhammad mohamad mohammad ahmad ali abu aminah fatimah
aisyah khadijah siti nur nurul mohd hafiz faizal azlan aziz hassan hussein ibrahim ismail yusof
rahman rahim razak najib mahathir anwar tunku tuanku sultan raja puteri putera abang adik kakak
ayah ibu emak mak bapak abah mama papa atuk nenek keluarga anakku suamiku isteriku
durian rambutan nasilemak rendang satay roti teh tarik kopi milo maggi kucing harimau helang
bungaraya melati kenanga cempaka mawar orkid pelangi bintang bulan matahari langit laut pantai
tan lim lee wong ng chan chong ong teo goh koh kumar raj muthu siva devi priya lakshmi
harimaumalaya jdt kedahfc selangorfc kelantanfc ronaldo messi neymar mbappe salah hazard
persib johor123 kl123 shahalam123 cikgu guru sekolah universiti uitm ukm upm um usm`;

/** Common first names and words in English-language leak lists. */
const WORDS = `alexander alexandra amanda andrew angela anna ashley barbara benjamin brian carlos caroline
charlotte christian christina christopher daniel david deborah dennis diana donald dorothy edward
elizabeth emily emma eric ethan frank gabriel gregory hannah helen henry isabella jacob james jason
jeffrey jennifer jeremy jessica john jonathan joseph joshua julia justin karen kelly kenneth kevin
kimberly larry laura linda lisa margaret maria mark mary matthew melissa michael michelle nancy
nathan nicholas nicole olivia patricia patrick paul peter rachel rebecca richard robert ronald ryan
samantha samuel sandra sarah scott sharon sophia stephanie stephen steven susan thomas timothy tyler
victoria william zachary
admin welcome monkey dragon master shadow sunshine princess football baseball superman batman
iloveyou letmein trustno1 freedom whatever qwerty password secret summer winter spring autumn
january february march april june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
red blue green yellow orange purple black white silver golden
lion tiger eagle wolf bear shark falcon phoenix dragonfly butterfly
apple banana cherry mango orange lemon strawberry
heaven angel devil demon ghost spirit magic wizard warrior soldier hunter
computer internet google facebook instagram twitter youtube microsoft windows apple iphone android samsung nokia
office company business manager finance account accounts payroll salary money dollar ringgit
happy smile lovely sweet honey baby babe darling sweetheart forever always together family friend
music guitar piano dance rock metal jazz
`;

const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const YEARS = Array.from({ length: 2030 - 1960 + 1 }, (_, i) => String(1960 + i));
const SHORT_SUFFIXES = [
  '1',
  '12',
  '123',
  '1234',
  '12345',
  '123456',
  '!',
  '@',
  '#',
  '1!',
  '123!',
  '@123',
  '!@#',
  '01',
  '007',
  '69',
  '99',
  '00',
  '2u',
  '4ever',
];

function words(block: string): string[] {
  return block
    .split(/\s+/)
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
}

function leet(word: string): string {
  return word.replace(/a/g, '@').replace(/o/g, '0').replace(/e/g, '3').replace(/i/g, '1').replace(/s/g, '$');
}

function generate(): string[] {
  const out = new Set<string>();
  const add = (s: string) => {
    const v = s.toLowerCase();
    if (v.length >= 4 && v.length <= 128) out.add(v);
  };
  const top = words(TOP);
  const local = words(LOCAL);
  const common = words(WORDS);
  const bases = [...new Set([...top, ...local, ...common])];

  for (const w of bases) {
    add(w);
    add(leet(w));
    add(w + w);
    add(w + w + w);
    for (const s of SHORT_SUFFIXES) add(w + s);
    for (const y of YEARS) add(w + y);
    add(w + '1234567890');
    add(w + '123456789');
    add(w + '12345678');
    add(w + 'password');
    add('password' + w);
    add('i love ' + w);
    add('iloveyou' + w);
    add('ilove' + w);
    add(w + 'iloveyou');
  }
  // Pairs of Malay and common words ("sayangmalaysia", "cintaselangor"), as people join them.
  const small = [...local.slice(0, 60), ...common.slice(0, 40)];
  for (const a of small) for (const b of local.slice(0, 40)) if (a !== b) add(a + b);

  // Digit runs, repeats and sequences of every length from 4 to 32.
  for (let n = 4; n <= 32; n++) {
    for (let d = 0; d <= 9; d++) add(String(d).repeat(n));
    let up = '';
    let down = '';
    for (let i = 0; up.length < n; i++) up += String((1 + i) % 10);
    for (let i = 0; down.length < n; i++) down += String((9 - (i % 10) + 10) % 10);
    add(up);
    add(down);
    let zeroUp = '';
    for (let i = 0; zeroUp.length < n; i++) zeroUp += String(i % 10);
    add(zeroUp);
  }
  // Keyboard walks: each row and its prefixes, reversed, repeated, and the rows joined.
  for (const row of KEYBOARD_ROWS) {
    for (let n = 4; n <= row.length; n++) {
      add(row.slice(0, n));
      add([...row.slice(0, n)].reverse().join(''));
      add(row.slice(0, n).repeat(2));
      add(row.slice(0, n).repeat(3));
      for (const s of SHORT_SUFFIXES) add(row.slice(0, n) + s);
    }
  }
  const joined = KEYBOARD_ROWS.join('');
  for (let n = 8; n <= joined.length; n++) add(joined.slice(0, n));
  for (let n = 8; n <= 30; n++) add(KEYBOARD_ROWS.slice(1).join('').slice(0, n));
  // Columns walked down the keyboard: 1qaz2wsx3edc...
  const columns: string[] = [];
  for (let c = 0; c < 10; c++) columns.push(KEYBOARD_ROWS.map((r) => r[c] ?? '').join(''));
  for (let n = 2; n <= columns.length; n++) {
    add(columns.slice(0, n).join(''));
    add(columns.slice(0, n).join('').toUpperCase());
  }
  // Dates people use: ddmmyyyy and yyyymmdd for every day of 1960-2010 would be too many; first of month only.
  for (let y = 1960; y <= 2010; y++) {
    for (let m = 1; m <= 12; m++) {
      const mm = String(m).padStart(2, '0');
      add(`01${mm}${y}`);
      add(`${y}${mm}01`);
    }
  }
  return [...out].sort();
}

const list = generate();
const file = path.join(import.meta.dirname, 'common-passwords.txt');
writeFileSync(file, list.join('\n') + '\n');
process.stdout.write(`${list.length} common passwords written to ${file}\n`);
