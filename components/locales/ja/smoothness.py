"""ReLU の折れ目のページ（``/smoothness``）の日本語テキスト（キーは ``en/`` と同じ）。"""

TEXT: dict[str, str] = {
    "nav.smoothness": "ReLU の折れ目",
    # はじめに
    "smoothness.title": "滑らかさと折れ目：なぜ ReLU でよく学習できるのか",
    "smoothness.question": "学習メモは、答えの出ていない疑問で終わっています。"
    "シグモイド関数の滑らかな曲線が学習には大切だとあったのに、ReLU 関数は「カクカク」。"
    "それでも今はほとんどのネットワークが ReLU を使っています。どちらも本当だとしたら、"
    "どういうことでしょうか。",
    "smoothness.plan": "このページでは 3 つの段階で答えます。滑らかな関数はどこまで ReLU に"
    "（シグモイドはどこまでステップ関数に）近づけるか、折れ目での微分は本当は何なのか、"
    "そして活性化関数だけが違うネットワークを並べて学習させると何が起きるか、です。",
    "smoothness.answer.title": "先に答えを",
    "smoothness.answer": "学習に必要なのは「ほとんどすべての点で役に立つ微分」であって、"
    "「すべての点で微分できること」ではありません。ReLU の傾きは、ユニットが働いている側では"
    "どこでも 1 です。折れ目はたった 1 点で、実数の入力がちょうどそこに来ることは事実上"
    "ありません。本当に学習できないのはステップ関数のほうです。微分が存在するところでは"
    "どこでも 0 だからです。シグモイドの滑らかさが解決したのは、この問題でした。",
    # 1. 変形
    "smoothness.morph.title": "1. 角を丸める：softplus が ReLU になる",
    "smoothness.morph.text": "softplus、つまり ln(1 + e^(βx)) / β は、ReLU の角を丸めた"
    "関数です。β が角の鋭さを決めます。β を動かすと、f（上）と f′（下）が ReLU のグラフに"
    "近づいていきます。差がいちばん大きいのは x = 0 で、その大きさは ln 2 / β です。"
    "β を 10 倍にすると、softplus は 10 倍近づきます。",
    "smoothness.beta.label": "β：softplus の角の鋭さ",
    "smoothness.beta.value": "β = {beta}",
    "smoothness.gap.trace": "x = 0 での差：ln 2 / β = {value}",
    "smoothness.distance.text": "β = {beta} のとき、|softplus − ReLU| の最大は式では "
    "ln 2 / β = {formula}。−30 から 30 までの 20,001 点で測ると {measured}"
    "（x = {where}）です。",
    "smoothness.distance.formula": "ln 2 / β（式）",
    "smoothness.distance.measured": "測った値",
    "smoothness.distance.current": "β = {beta}",
    "smoothness.distance.axis": "|softplus − ReLU| の最大",
    "smoothness.morph.slope": "softplus′(x) = sigmoid(βx) です。0 のまわり ±4/β ほどの間に "
    "0 から 1 まで上がり、x = 0 ではどの β でも 1/2 になります。β を大きくすると、この上がり方は"
    " ReLU の f′ の 0 から 1 への跳びに近づきます。それでも softplus 自体はずっと滑らかで、"
    "どれだけ近づいても折れ目はできません。",
    "smoothness.distance.download": "各 β でのずれ（式の値と測った値）をダウンロード（CSV）",
    "smoothness.sigmoid.download": "シグモイドとステップ関数、その f′ の値をダウンロード（CSV）",
    "smoothness.kink.download": "ReLU と直線 g·x の値、続けて x = 0 での劣勾配の範囲 [0, 1] "
    "を小さな2つ目の表にしてダウンロード（CSV）",
    "smoothness.morph.download": "softplus と ReLU の値をダウンロード（CSV）",
    "smoothness.sigmoid.title": "……そしてシグモイドはステップ関数になる",
    "smoothness.sigmoid.text": "シグモイド関数 1 / (1 + e^(−ax)) でも、ゲイン a を大きくすると"
    "同じことが起こり、ステップ関数になります。微分の下の面積は 1 のままですが、x = 0 の高さ "
    "a/4 の細いとがりに押し込まれていきます。その極限では、x ≠ 0 のどこでも f′ は 0、"
    "つまりステップ関数の微分になり、勾配降下法には手がかりがまったくなくなります。"
    "学習メモの滑らかな曲線が必要だったのは、折れ目のためではなく、このためです。",
    "smoothness.gain.label": "a：シグモイドのゲイン",
    "smoothness.gain.value": "a = {a}",
    "smoothness.sigmoid.readout": "a = {a}：f′ の山の高さは a/4 = {formula}。測った値は "
    "{measured}（x = {where}）です。",
    # 2. 折れ目での微分
    "smoothness.kink.title": "2. 折れ目での微分",
    "smoothness.kink.text": "- ReLU は x = 0 以外のどこでも微分できます。x = 0 はたった "
    "1 点です。実数のデータと重みから計算した z = w·x + b がちょうど 0 になる確率は 0 です"
    "（実際に何回 0 になったかは 3 で数えます）。\n"
    "- それでもプログラムは、そこで何かの値を返さなければなりません。PyTorch・TensorFlow・"
    "JAX はどれも relu′(0) = 0 を使います（f′ のグラフの点）。\n"
    "- 実は 0 から 1 までのどの傾き g でもかまいません。原点を通る直線 g·x は、どれも ReLU に"
    "接するかその下にあります（f のグラフの破線の扇）。このような g を ReLU の 0 での"
    "*劣勾配*（subgradient）といい、全部集めると区間 \\[0, 1\\] になります"
    "（f′ のグラフの縦の線分）。"
    "折れ目にちょうど当たることはまずないので、どれを選んでも計算される勾配はほとんど"
    "変わりません（ちょうど 0 がよく出る 16 ビットの計算では違いが出ることがあります："
    "Bertoin ほか, 2021）。\n"
    "- 滑らかな版の softplus では、どの β でも softplus′(0) = 1/2。ちょうどこの区間の"
    "真ん中です。",
    "smoothness.kink.fan": "直線 g·x（0 ≤ g ≤ 1）",
    "smoothness.kink.fan_line": "傾き g = {slope}",
    "smoothness.kink.interval": "0 での劣勾配：[0, 1]",
    "smoothness.kink.framework": "relu′(0) = 0（PyTorch・TensorFlow・JAX）",
    "smoothness.kink.softplus": "softplus′(0) = 1/2",
    # 3. 実験
    "smoothness.train.title": "3. 証拠：3 つとも学習させる",
    "smoothness.train.text": "活性化関数だけが違う 3 つのネットワークです。同じ {points} 点の"
    "データ、同じシード、したがって同じ初期の重み（{width} ユニットの隠れ層が {depth} 層、"
    "He の初期化）から、バッチ全体を使う勾配降下法で {epochs} エポック学習させます。"
    "素朴な勾配降下法は勾配そのものの大きさだけ重みを動かすので、f′ の大きさの違いが"
    "そのまま表れます（Adam は勾配の大きさをそろえるので、差が小さくなります）。"
    "softplus は、よく使われる既定値 β = {beta} です。",
    "smoothness.train.controls": "学習の設定",
    "smoothness.train.dataset": "データセット",
    "smoothness.dataset.xor": "XOR",
    "smoothness.dataset.circles": "同心円",
    "smoothness.dataset.moons": "三日月",
    "smoothness.dataset.spiral": "渦巻き",
    "smoothness.train.seed": "シード",
    "smoothness.train.seed_hint": "0〜{high} の整数です。データと初期の重みが決まります。",
    "smoothness.train.lr": "学習率",
    "smoothness.train.lr_hint": "{low}〜{high}。3 つのネットワークで共通です。",
    "smoothness.train.epoch": "エポック",
    "smoothness.train.loss": "損失（交差エントロピー）",
    "smoothness.train.hover": "エポック %{x}<br>損失 = %{y:.4f}",
    "smoothness.train.chance": "ln 2 ≈ 0.693：どの点にも ½ と答えたときの損失",
    "smoothness.train.verdict": "今回の学習では、{name} が最初に損失を ln 2 / 2 ≈ 0.35 より"
    "小さくしました（エポック {epoch}）。",
    "smoothness.train.verdict_none": "{epochs} エポックの間に、損失が ln 2 / 2 ≈ 0.35 を下回った"
    "ネットワークはありませんでした。学習率やデータセットを変えてみてください。",
    "smoothness.train.at_kink": "学習後の ReLU ネットワークの前活性 z {total} 個"
    "（すべての隠れユニット × すべての学習データ）のうち、ちょうど折れ目 z = 0 にあるのは "
    "{hits} 個です。",
    "smoothness.train.diverged": "{name} はエポック {epoch} の後で発散しました"
    "（重みが ±1,000,000 を超えました）。曲線はそこで終わります。",
    "smoothness.results.caption": "{epochs} エポック後の値です。死んだユニットとは、"
    "すべての学習データで z ≤ 0 になる隠れユニットのことです。",
    "smoothness.results.network": "ネットワーク",
    "smoothness.results.start": "エポック 0 の損失",
    "smoothness.results.end": "エポック {epochs} の損失",
    "smoothness.results.accuracy": "正解率",
    "smoothness.results.learned": "損失が ln 2 / 2 を下回ったエポック",
    "smoothness.results.dead": "死んだユニット",
    "smoothness.train.dead_count": "{total} 個中 {dead} 個（{percent}%）",
    "smoothness.train.cannot_die": "死ぬことはない（f′ はどこでも正）",
    "smoothness.train.not_within": "{epochs} までには下回らず",
    "smoothness.train.explain": "**見てほしいところ。** 既定の設定では、ReLU の損失が最初に"
    "下がり、softplus が続き、シグモイドは長いあいだ ln 2（どの点にも ½ と答えたときの損失）の"
    "あたりにとどまります。設定によっては順番が変わることもあります。今回の結果は表のとおりです。"
    "\n\n"
    "- **ReLU がすぐ学習できる理由。** 誤差逆伝播では、層ごとに誤差に f′(z) が掛けられます。"
    "ReLU′ はユニットが働いているところではどこでも 1 なので、誤差は働いているユニットを"
    "弱まらずに通り抜けます。z が大きな正の値でも飽和しません。\n"
    "- **シグモイドが遅い理由。** sigmoid′ は最大でも 1/4 なので、層を通るたびに、"
    "活性化関数の分だけで誤差は 4 分の 1 以下になります（これに重みも掛かります）。"
    "さらに |z| が大きいところでは 0 に近づきます（飽和）。\n"
    "- **softplus は滑らかなのに、既定の設定では ReLU より遅い。** z がはっきり正のところでは"
    "傾きは ReLU と同じく 1 に近く、0 の近くでは 1/2 くらいです。角を丸めても学習は"
    "速くなりませんでした。効いているのは滑らかさではなく、働いている側の傾き 1 です。\n"
    "- **平らな側の代償：死んだユニット。** すべての学習データで z ≤ 0 になった ReLU ユニットは"
    "いつも 0 を出力し、勾配も 0 になります。これが*死んだ*ユニットで、勾配降下法では"
    "生き返りません。表でその数を数えています。学習率が大きいほど増えがちです。softplus と"
    "シグモイドは f′ がどこでも正なので、ユニットが死ぬことはありません。Leaky ReLU や ELU が "
    "z < 0 でも小さな傾きを残しているのも、同じ理由です。",
    "smoothness.train.download": "損失の曲線をダウンロード（CSV）",
    # グラフの代わりになるテキスト：それぞれの要約と、数値の表
    "smoothness.table.region": "数値の表：{name}（画面が狭いときは横にスクロールできます）",
    "smoothness.table.morph": "softplus と ReLU",
    "smoothness.table.distance": "各 β での差",
    "smoothness.table.sigmoid": "シグモイドとステップ関数",
    "smoothness.table.subgradient": "折れ目での ReLU",
    "smoothness.table.loss": "損失の曲線",
    "smoothness.table.results": "学習後の 3 つのネットワーク",
    "smoothness.list_join": "、",
    "smoothness.morph.summary_gap": "2 つの差がいちばん大きいのは x = 0 で、"
    "ln 2 / β = {gap} です。",
    "smoothness.distance.summary": "|softplus − ReLU| の最大を、β（{low}〜{high}）に対して"
    "両対数で描いたグラフです。式 ln 2 / β は傾き −1 の直線になり、測った {count} 点は"
    "その線の上に並びます。大きなひし形が今の β = {beta} の点で、差は {measured} です。",
    "smoothness.distance.caption": "スライダーで選べる {count} 個の β それぞれでの差の最大",
    "smoothness.kink.summary": "上のグラフ：x が {xmin} から {xmax} までの ReLU と、"
    "g = {slopes} の直線 g·x（破線）です。どの直線も 0 で ReLU に接し、ReLU より上には"
    "出ません。下のグラフ：ReLU′ は x < 0 で 0、x > 0 で 1 です。x = 0 の縦の線分は、"
    "{low} から {high} までのすべての劣勾配を表します。その上に 2 つの点があります。"
    "フレームワークが使う値 relu′(0) = {framework} と、softplus′(0) = {softplus} です。",
    "smoothness.kink.caption": "{n} 点のうち {rows} 点での ReLU と直線 g·x の値です"
    "（CSV にはすべて入っています）",
    "smoothness.kink.column": "g·x（g = {slope}）",
    "smoothness.loss.summary": "各ネットワークの損失を、エポック 0 から {epochs} まで"
    "描いたグラフです。点線は ln 2 ≈ 0.693（どの点にも ½ と答えたときの損失）です。"
    "最後の損失は {finals} です。",
    "smoothness.loss.final": "{name}：{loss}",
    "smoothness.loss.caption": "{step} エポックごとの損失です（{n} 個のうち {rows} 個。"
    "CSV にはすべてのエポックが入っています）",
    "smoothness.loss.epoch": "エポック",
    # 入力の問題
    "field.smoothness.beta": "β (beta)",
    "field.smoothness.a": "ゲイン a (a)",
    "field.smoothness.dataset": "データセット (dataset)",
    "field.smoothness.seed": "シード (seed)",
    "field.smoothness.lr": "学習率 (lr)",
    "smoothness.problem.step": "スライダーの値（{low}〜{high}）のどれかにしてください",
    "smoothness.problem.dataset": "{text} というデータセットはありません（{valid} のどれか）",
}
