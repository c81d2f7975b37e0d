/**
 * Given names for the identifier scanner (identifier-scanner.ts).
 *
 * Source: drawn from the Office for National Statistics (ONS) "Baby names in
 * England and Wales" releases (the top 100 boys' and girls' names, 1996 to
 * 2023), plus common given names of the parents' generation (ONS top names of
 * the 1970s and 1980s), because birth parents and relatives are named in case
 * notes too. It is a hand-written subset of a few hundred names, written
 * without network access from those published lists, not a copy of the data
 * set: a name missing here is still caught by the scanner's context patterns
 * ("her name is …", "birth mother …", "Mr …").
 *
 * The names are split by how safe they are to match:
 * - GIVEN_NAMES are not ordinary English words, so they are matched in any
 *   case ("jamie", "JAMIE"). A few are rare words (jack, harry, josh, tony),
 *   kept because they almost never appear as words in a needs profile.
 * - WORD_NAMES are also ordinary words, colours, places or things (Grace,
 *   Ruby, Poppy, Holly, Max, Teddy). They are matched only when capitalised
 *   mid-sentence, or at the start of a sentence when a verb or possessive
 *   shows they are a person ("Grace is …", "Poppy's …").
 * - MID_SENTENCE_NAMES are abstract nouns (Hope, Faith, Joy, Will): matched
 *   only when capitalised mid-sentence, because "Hope is that therapy …" is
 *   common at the start of a sentence.
 *
 * Dropped altogether, because in needs profiles they are nearly always the
 * word: months and seasons (April, May, June, August, Summer, Autumn), Amber
 * (the RAG rating), Bill (a parliamentary bill), Mark, Rich, Guy, Ray, Drew,
 * Miles, Chase, Grant, River, Storm, Star, Roman, Christian, Devon, India,
 * Paris, Junior (a school), Jan (January). Compound names are still caught
 * through their other part ("Evie-Rose", "Ruby-Leigh", "Ellie-May").
 */

/**
 * Well-known people, characters and hospitals whose names turn up in needs
 * profiles (authors the adopters have read, a child's interests, the
 * hospitals of Kent and London). Matched as whole
 * names, so "Harry Potter" is not a warning while "Harry" alone still is.
 */
export const PUBLIC_NAMES = [
  'dan hughes',
  'kim golding',
  'sarah naish',
  'bruce perry',
  'bessel van der kolk',
  'karen treisman',
  'dan siegel',
  'daniel siegel',
  'john bowlby',
  'mary ainsworth',
  'louise bomber',
  'louise bombèr',
  'louise michelle bombèr',
  'heather geddes',
  'sue gerhardt',
  'betsy de thierry',
  'daniel hughes',
  'caroline archer',
  'sally donovan',
  'amber elliott',
  'margot sunderland',
  'jon baylin',
  'stephen porges',
  'deb dana',
  'ross greene',
  'peter levine',
  'gabor maté',
  'gabor mate',
  'mona delahooke',
  'harry potter',
  'hermione granger',
  'ron weasley',
  'taylor swift',
  'peppa pig',
  'george pig',
  'thomas the tank engine',
  'bob the builder',
  'winnie the pooh',
  'paddington bear',
  'mr men',
  'little miss',
  'lewis hamilton',
  'harry kane',
  'harry styles',
  'the simpsons',
  'billie eilish',
  'ed sheeran',
  'marcus rashford',
  'jack grealish',
  'bukayo saka',
  'emma raducanu',
  'david attenborough',
  // Places named after people: a child born at the William Harvey is not named by it.
  'anna freud',
  'william harvey',
  'queen elizabeth',
  'queen victoria',
  'royal victoria',
  'royal alexandra',
  'great ormond street',
];
export const GIVEN_NAMES = `
aarav aaron abbi abbie abby abigail ada adam adele adriana agnes ahmed aidan aiden aimee aisha alan albert
albie aleena alesha alex alexa alexander alexandra alexis alfie alfred ali alice alisha alison aliyah alma
alyssa amanda amaya amberley amelia amelie amir amira amy ana anaya andrea andrew aneesa angela angelica anisa
ann anna annabelle anne annie anthony antonia arabella archie aria ariana arjun arlo arthur arya aryan
ashleigh ashley ashton aston aurelia aurora ava avery ayaan ayden ayesha ayla bailey barbara barry beatrice
becky bella ben benjamin benny bertie bethan bethany beverley bianca bilal billie billy blake bobbie bobby
bradley brandon brenda brian brody brooke bruno caitlin caleb callie callum cameron cara carl carla carly
carmen caroline carson casey cassie catherine cecilia celine cerys chantelle charlene charles charley charli
charlie charlotte chelsey cheryl chloe christina christine christopher cian ciara cillian claire clara clare
cleo clive cody cole colin connie connor conor cora corey courtney craig dafydd dan danica daniel daniella
danielle danny darcey darcie darcy darius darren darryl david dawid deborah declan delilah demi denise dennis
derek dexter diane dillon dominic dominika donna doreen dwayne dylan eddie eden edie edith edward effie eileen
elaine eleanor elena eli elif elijah elin eliot elise eliza elizabeth ella ellen ellie elliot elliott ellis
elodie eloise elsa elsie emil emilia emilie emily emma emmie enya enzo erik erin esme esmee esther ethan euan
eva evan evelyn evie ewan ezra fabian faisal fatima felix ffion filip finley finn fiona fletcher fleur frances
francesca frankie franklin fraser freda freddie frederick freya freyja gabriel gabriella gabrielle gareth gary
gavin gemma george georgie georgina gethin gianna gillian gino glenda gloria gracie graham gus hadi hafsa
hailey halle hamish hamza hanna hannah haris harley harlow harper harriet harris harrison harry harvey hassan
hattie hayden hayley heidi helen henry hermione hilary hollie hugo huxley ian ibraheem ibrahim idris igor
ilyas imani imogen ines ingrid iqra irene isaac isabel isabella isabelle isaiah isha isla ismail isobel ivan
iwan iyla jace jack jackson jacob jacqueline jacques jada jaden jaiden jake jakub jamal james jamie jane janet
janice jared jasmin jason jasper jax jaxon jaxson jaya jayce jayda jayden jean jemima jemma jennifer jenny
jenson jeremy jermaine jess jesse jessica jill jo joan joanna joanne jodi jodie joe joey john jolene jon jonah
jonas jonathan jordan jorge joseph josephine josh joshua josiah josie jude judith julia julian julianna julie
kacey kaci kacie kacper kaden kady kai kaiden kaitlyn kane kara karen karim karina kasey kasper kate katelyn
katherine kathleen kathryn katie katy kayden kayla kayleigh kayne keegan keeley keira keith kelly kelsey
kelvin kendra kenneth kenzie kenzo kerrie kerry kevin khadija khalid kian kiara kiera kieran kimberley kirra
kirsty kobe kofi korey kris kristian kyan kyla kyle kylie kyra lacey lachlan lacie laila laney lani lara laura
lauren lawrence layla leah leanne lee leia leigh leighton leila lena lenna lennon lennox lenny leo leon leona
leonardo lesley lev levi lewis lexi lexie leyla liam libby lila lilah lilia liliana lillie lilly lilyana linda
lionel lisa liv liza lloyd logan lois lola lorcan lorelei lorna lorraine lottie louie louis louise luca lucas
lucca lucia lucian lucy luka luke luna lydia lyla lyle lynn lynne lyra mabel macey macie mackenzie macsen macy
maddie maddison maddox madeleine madeline madelyn madison mae maeve magdalena maggie magnus mai maia maira
maisie maisy maizie maja malachi malcolm malia marc marcel marcia marco marcus margaret margot maria mariah
mariam marie marissa marjorie marley marnie martha martin martina mary maryam masie mateo mateusz matilda
matthew maureen maximilian maxwell maya mckenzie megan melanie melissa meredith mia micah michael michelle
mikayla mikey mila millie milo mina minnie mirabel miriam misha mitchell mohammad mohammed mollie molly monica
monique morgan muhammad musa mustafa mya myla mylee nadia nadine nala nancy naomi nasir natalia natalie
natasha nate nathan nathanael nathaniel ned neil nell nellie nevaeh neve nia niall niamh nichola nicholas nico
nicola nicolas nigel nikita nikki niko nina noa noah noor nora norah nyla oakley olaf oliver olivia oliwia
ollie olly omar omari ophelia orion orla oscar oskar otis otto owain owen ozzy pablo paige pamela parker
patricia patrick patryk paul pauline penelope percy peter philip phoebe piotr pippa poppie presley priya
queenie quinn rachael rachel rachelle rafael rafe raheem ralph ralphie ravi raya rayan rayyan rebecca reece
reem reggie remi remy reuben rhianna rhiannon rhys ria ricardo richard ricky rico ridley rihanna riley rio
rita riya robbie robert roberto robyn rocco rohan romeo ronaldo ronan ronnie rory rosa rosalie rosie ross
rowan rowena roxy roy ruairi ruari ruben rudy russell ruth ryan ryder rylan rylee ryley sabrina sadie safa
saira sally sam samantha sami samir samuel sana sandra saoirse sara sarah sasha scarlett scott sean sebastian
sebastien selina sennen serena seth shakira shane shania shanice shannon sharna sharon shaun shauna shay shea
sheila shelby shelley shirley sidney siena sienna simon sinead sion skye skyla skylar skyler sofia sofie sonia
sonny sophia sophie spencer stacey stanley stefan stella stephanie stephen steven stuart sullivan susan susie
suzanne syed szymon tabitha tadhg talia tallulah tamara tamsin tanya tara tariq tasha tayla taylah taylor
teagan ted teddie tegan terri terry thalia thea theo theodore theresa thomas tia tiana tiffany tilly timothy
tina tobi tobias toby tom tomas tommie tommy toni tony tracey tracy travis trevor tristan tyler tyreese tyrell
tyrone tyson umar una usman valentina valerie vanessa vera vicky viktoria vincent vinnie warren wayne wendy
wiktor wiktoria wilfred william winnie wyatt xavier yahya yara yaseen yasmin yasmine yousef yusuf yvonne zac
zach zachariah zachary zack zahra zain zainab zak zakariya zane zara zayan zayn zaynab ziggy zoe zoey zoya
zuzanna zuzia
`;

export const WORD_NAMES = `
grace ruby poppy lily daisy holly ivy jasmine willow violet hazel rose jade pearl crystal melody iris honey
angel robin eve hunter mason carter cooper parker georgia florence victoria chelsea sydney austin max teddy
carol dean heather olive lee bonnie dolly ebony fern hector jimmy kitty meg noel rhea rosemary saffron
savannah trinity troy verity victor lincoln milan brooklyn sahara mercedes rex tate zion abbey
`;

export const MID_SENTENCE_NAMES = `
hope faith joy will mark frank dawn destiny harmony patience sunny jay sky
`;

/**
 * Common surnames in England and Wales, a subset of the most frequent names in
 * the ONS and electoral-roll based surname lists, written from those lists
 * without network access. Used to read "jamie smith" as a full name and "the
 * Richardsons" as a family; a given name before a capitalised word is a full
 * name whether or not the surname is here.
 */
export const SURNAMES = `
smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson wright walker white edwards
hughes green hall lewis harris clarke clark patel jackson wood turner martin cooper hill ward morris moore lee king baker
harrison morgan allen james scott phillips watson davis parker price bennett young griffiths mitchell kelly cook carter
richardson bailey collins bell shaw murphy miller cox richards khan marshall anderson simpson ellis adams singh begum
wilkinson foster chapman powell webb rogers gray grey mason ali hunt hussain campbell matthews owen palmer holmes mills
barnes knight lloyd butler russell barker fisher stevens jenkins murray dixon harvey ahmed rahman okafor okoro mensah
osei kowalski nowak wojcik obrien o'brien o’brien mcdonald macdonald reid stewart graham kennedy wallace fraser doyle
hudson hart fletcher atkinson lawrence hopkins pearson hamilton hayes gibson kaur chowdhury iqbal akhtar bibi mahmood
`;
