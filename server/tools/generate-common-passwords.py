#!/usr/bin/env python3
"""Generates server/src/main/resources/account/common-passwords.txt.

The list is built from patterns people are known to pick (words, names,
keyboard walks, digit runs, years, "ilove..." and doubled words), not
downloaded from anywhere. The server lower-cases a password, undoes common
letter-for-digit swaps and strips digits and symbols at both ends before it
looks it up, so "P@ssw0rd2024!" is caught by the entry "password"; the list
therefore holds base forms. Run it from the repository root:

    python3 server/tools/generate-common-passwords.py
"""
import itertools
import pathlib

WORDS = """
password passw0rd passwort motdepasse contrasena senha parola wachtwoord haslo salasana secret secrets
letmein welcome welcome1 hello hello123 admin administrator root toor master login logon access changeme
default guest user test tester testing qwerty abc abcd abcde abcdef abcdefg abcdefgh abc123 iloveyou trustno1
monkey dragon shadow sunshine princess football baseball basketball soccer hockey tennis golf cricket rugby
superman batman spiderman ironman wolverine pokemon pikachu starwars startrek matrix hunter hunter2 killer
ninja pirate wizard warrior knight samurai zombie vampire ghost angel devil demon jesus christ god heaven
lovely love lover loveme loving sweet sweetie sweetheart honey baby babygirl babyboy darling cutie beauty
freedom liberty justice peace money cash rich dollar bitcoin crypto winner champion legend hero star stars
superstar rockstar rock music guitar piano drummer singer dance dancer party happy smile funny crazy cool
summer winter spring autumn sunday monday tuesday friday saturday january february march april june july
august september october november december morning evening night midnight sunrise sunset moon moonlight
flower rose daisy lily orchid tulip cherry apple banana orange lemon mango peach strawberry chocolate cookie
cookies cupcake candy sugar coffee tea pizza burger pepper ginger butter cheese bacon chicken turkey
tiger lion bear wolf eagle falcon hawk shark dolphin whale panda monkey donkey horse pony puppy kitty kitten
cat dog doggy doggie fish bird snake spider rabbit bunny mouse dragonfly butterfly ladybug penguin
red blue green yellow purple pink black white silver gold golden diamond crystal pearl ruby emerald
computer internet online system network server database security hacker coder developer programmer code
coding python java javascript linux windows apple google facebook twitter instagram youtube amazon
microsoft samsung nokia sony nintendo playstation xbox gamer gaming minecraft fortnite roblox zelda mario
charlie michael jennifer jessica ashley amanda daniel david james john robert william richard thomas joseph
christopher matthew anthony mark steven andrew joshua kevin brian george edward ronald timothy jason jeffrey
ryan jacob gary nicholas eric stephen jonathan larry justin scott brandon frank benjamin gregory samuel
raymond patrick alexander jack dennis jerry tyler aaron henry adam douglas nathan peter zachary kyle walter
harold jeremy ethan carl keith roger gerald christian terry sean arthur austin noah lawrence jesse joe
bryan billy jordan albert dylan bruce willie gabriel alan juan logan wayne ralph roy eugene randy vincent
russell louis philip bobby johnny bradley mary patricia linda barbara elizabeth susan margaret sarah karen
nancy lisa betty dorothy sandra donna carol ruth sharon michelle laura emily kimberly deborah melissa
stephanie rebecca laura helen amy anna angela brenda pamela nicole samantha katherine christine debra
rachel catherine carolyn janet maria heather diane julie joyce victoria kelly christina joan evelyn lauren
judith olivia martha cheryl megan andrea hannah jacqueline ann jean alice kathryn gloria teresa doris sara
janice julia marie madison grace judy theresa beverly denise marilyn amber danielle abigail brittany rose
diana natalie sophia alexis lori kayla jane isabella charlotte emma ava mia harper chloe zoe lucy lily
maggie molly buddy max bella daisy bailey rocky duke sadie lucky oscar toby jake bear shelby ginger
america usa canada london paris berlin madrid rome tokyo china india russia brazil mexico texas florida
california newyork chicago boston dallas miami vegas hollywood europe africa asia australia
mustang ferrari porsche corvette harley yamaha honda toyota nissan mercedes bmw audi jeep chevy ford
qwertyuiop asdfghjkl zxcvbnm qwerty123 azerty qwertz asdf asdfgh zxcvbn qazwsx 1qaz2wsx 1q2w3e4r 1q2w3e
zaq12wsx qweasd qweasdzxc asdasd zxczxc qwe123 asd123 zxc123 aaa111 abc12345 a1b2c3 a1b2c3d4 q1w2e3r4
whatever nothing something anything everything forever always never maybe please thanks sorry yes nope
iloveu loveyou missyou fuckyou fuckoff shit bitch asshole damn hell sex sexy horny porn naked
soccer1 football1 jordan23 michael1 superman1 batman1 letmein1 monkey1 dragon1 shadow1 master1 charlie1
banana1 pepper1 tigger tigger1 snoopy garfield scooby scoobydoo mickey minnie donald goofy pluto simba
nemo dory elsa anna frozen barbie ken sparky rusty buster cooper bandit harley jasper murphy riley
family friends friend brother sister mother father mommy daddy mom dad grandma grandpa wife husband
school student teacher college university class homework study science math maths english history
office work business company manager boss office365 outlook gmail yahoo hotmail email mail
summer2024 winter2024 spring2024 autumn2024 fall2024 welcome2024 password2024
blink182 sum41 metallica nirvana beatles queen eminem drake beyonce rihanna madonna elvis
jordan michaeljordan kobe lebron messi ronaldo neymar pele beckham federer nadal
chelsea arsenal liverpool barcelona realmadrid juventus manutd everton celtic rangers lakers yankees
cowboys steelers patriots packers eagles giants bears dolphins raiders broncos
hello1 test123 test1234 admin123 admin1234 root123 pass pass123 pass1234 mypass mypassword yourpassword
letmein123 welcome123 iloveyou1 qwerty1 abc1234 password1 password12 password123 p4ssword
""".split()

SHORT = """a an the my your our big little old new red blue hot cold sweet dark light super mega ultra
happy lucky crazy cool bad good best true real""".split()

NOUNS = """cat dog love star sun moon girl boy man king queen prince angel devil dragon tiger lion bear wolf
fox bird fish baby kid life world heart soul mind fire ice water rock stone tree wood boss god""".split()


def keyboard_walks():
    rows = ["1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "0987654321", "poiuytrewq", "lkjhgfdsa", "mnbvcxz"]
    for row in rows:
        for start in range(len(row)):
            for end in range(start + 4, len(row) + 1):
                yield row[start:end]
    cols = ["1qaz", "2wsx", "3edc", "4rfv", "5tgb", "6yhn", "7ujm", "8ik,", "9ol.", "0p;/"]
    for n in range(2, 5):
        for i in range(len(cols) - n + 1):
            yield "".join(cols[i:i + n])


def digit_patterns():
    for d in "0123456789":
        for n in range(6, 13):
            yield d * n
    for n in range(6, 13):
        yield "".join(str(i % 10) for i in range(1, n + 1))
        yield "".join(str(i % 10) for i in range(0, n))
        yield "".join(str((10 - i) % 10) for i in range(1, n + 1))
    for a, b in itertools.permutations("0123456789", 2):
        yield (a + b) * 4
    for year in range(1950, 2031):
        yield str(year) * 2
        for prefix in ("01", "12", "31", "0101", "1234"):
            yield prefix + str(year)


def combos():
    for a in SHORT:
        for b in NOUNS:
            yield a + b
    for w in NOUNS + WORDS[:200]:
        yield "ilove" + w
        yield "my" + w
        yield w + w
    for w in WORDS[:150]:
        yield "iam" + w


def main():
    entries = set()
    for source in (WORDS, keyboard_walks(), digit_patterns(), combos()):
        for e in source:
            e = e.strip().lower()
            if len(e) >= 3:
                entries.add(e)
    out = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/account/common-passwords.txt"
    header = ("# Common passwords the server refuses, one per line, lower case (generated by\n"
              "# server/tools/generate-common-passwords.py; edit that, not this file).\n")
    out.write_text(header + "\n".join(sorted(entries)) + "\n", encoding="utf-8")
    print(f"{len(entries)} entries -> {out}")


if __name__ == "__main__":
    main()
