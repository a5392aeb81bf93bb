package zz_tmp
import ("testing";"fmt";"time";"context";"github.com/geokg/geokg/bench";"github.com/geokg/geokg/graph";"github.com/cayleygraph/cayley";"github.com/cayleygraph/quad")
func TestP(t *testing.T){
 ctx:=context.Background()
 d:="/tmp/bx/db3k"
 c:=bench.Generated(1,3000)
 _=c
 st,err:=graph.Open(ctx,graph.Config{Address:d,LockTimeout:600e9}); if err!=nil{t.Fatal(err)}
 defer st.Close()
 h:=st.Handle(); ak:=bench.NewAsker(st)
 x:=quad.IRI("country:russia")
 run:=func(name string, p *cayley.Path){ t1:=time.Now(); n,err:=p.Iterate(ctx).Count(); fmt.Println(name,n,err,time.Since(t1)) }
 run("in", cayley.StartPath(h,x).In(graph.Recipient,graph.Object))
 run("in+haspred", cayley.StartPath(h,x).In(graph.Recipient,graph.Object).Has(graph.PredicateE,quad.IRI("supplies"),quad.IRI("ships"),quad.IRI("sells")))
 run("in+hasneg", cayley.StartPath(h,x).In(graph.Recipient,graph.Object).Has(graph.Negated,quad.Bool(false)))
 run("in+haspred+neg+hedged", cayley.StartPath(h,x).In(graph.Recipient,graph.Object).Has(graph.PredicateE,quad.IRI("supplies"),quad.IRI("ships"),quad.IRI("sells")).Has(graph.Negated,quad.Bool(false)).Has(graph.Hedged,quad.Bool(false)))
 run("in+haspred+save", cayley.StartPath(h,x).In(graph.Recipient,graph.Object).Has(graph.PredicateE,quad.IRI("supplies"),quad.IRI("ships"),quad.IRI("sells")).Tag("event").Save(graph.Sentence,"s").Save(graph.ArticleE,"a").Out(graph.Subject).Tag("answer").Save(graph.Name,"name"))
 for _,q:=range bench.Questions(1,2){ if q.Entity.ID==""{continue}; t1:=time.Now(); n,err:=bench.PathQuestion(ctx,h,q); t2:=time.Now(); m,err2:=bench.AskQuestion(ctx,ak,q); fmt.Println(q.Text,n,err,t2.Sub(t1),m,err2,time.Since(t2)) }
}
